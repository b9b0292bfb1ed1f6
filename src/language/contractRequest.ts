/**
 * A Request as the parsing contract (../shared/nlu/README.md) states it. The contract's intents predate small
 * talk: a message that only thanks or greets is `help` there, as the bot treated it before it told them apart;
 * the kind of small talk goes along as an extra field, which the contract allows.
 */
import type { Request } from './request';

/** The contract's JSON object for one parsed line. */
export interface ContractRequest {
  intent: string;
  target: string | null;
  changes: Request['changes'];
  object: string | null;
  language: Request['language'];
  smallTalk?: Request['smallTalk'];
}

export function contractRequest({ intent, target, changes, object, language, smallTalk }: Request): ContractRequest {
  if (intent === 'smallTalk') return { intent: 'help', target, changes, object, language, smallTalk };
  return { intent, target, changes, object, language };
}
