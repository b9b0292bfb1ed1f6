export { parse, localeLanguage, MAX_INPUT_LENGTH, MAX_TEXT_LENGTH } from './parse';
export type { Request, RequestedChange, Intent, Language, ChangeableProperty, SmallTalk } from './request';
export { contractRequest, type ContractRequest } from './contractRequest';
export { CHANGEABLE_PROPERTIES } from './request';
