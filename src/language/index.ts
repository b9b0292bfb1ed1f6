export { parse, localeLanguage, MAX_INPUT_LENGTH, MAX_LIST_INPUT_LENGTH, MAX_TEXT_LENGTH } from './parse';
export { MAX_TARGETS } from './severalPeople';
export type { Request, RequestedChange, Intent, Language, ChangeableProperty, SmallTalk } from './request';
export { contractRequest, type ContractRequest } from './contractRequest';
export { CHANGEABLE_PROPERTIES } from './request';
