/**
 * A Request as the parsing contract (../shared/nlu/README.md) states it. The contract's intents predate small
 * talk: a message that only thanks or greets is `help` there, as the bot treated it before it told them apart;
 * the kind of small talk goes along as an extra field, which the contract allows. An operation the bot does not do
 * ("delete Noah") is `unknown` there, as before, with `unsupported` naming it.
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
  unsupported?: Request['unsupported'];
  /** "undo", "maak ongedaan": not an intent of the contract (it is `unknown` there), named here. */
  undo?: true;
}

export function contractRequest(
  { intent, target, changes, object, language, smallTalk, unsupported }: Request,
): ContractRequest {
  if (intent === 'smallTalk') return { intent: 'help', target, changes, object, language, smallTalk };
  if (intent === 'unsupported') return { intent: 'unknown', target, changes, object, language, unsupported };
  if (intent === 'undo') return { intent: 'unknown', target, changes, object, language, undo: true };
  return { intent, target, changes, object, language };
}
