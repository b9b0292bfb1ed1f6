/**
 * A Request as the parsing contract (../shared/nlu/README.md) states it. The contract's intents predate small
 * talk: a message that only thanks or greets is `help` there, as the bot treated it before it told them apart;
 * the kind of small talk goes along as an extra field, which the contract allows. An operation the bot does not do
 * ("delete Noah") is `unknown` there, as before, with `unsupported` naming it. An offboarding is `offboard`, which
 * the contract's list predates; a request about several people keeps `target` as written ("Anna, Bob and Carl") and
 * adds `targets`, one person each.
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
  /** Two or more people named at once: each as written; `target` then holds them as written together. */
  targets?: string[];
  /** The list held more people than one request takes; `targets` has the first. */
  targetsTruncated?: true;
  /** For `offboard`: whom the leaver's mail goes to, as written. */
  forwardTo?: string;
}

export function contractRequest(request: Request): ContractRequest {
  const { intent, target, changes, object, language, smallTalk, unsupported } = request;
  if (intent === 'smallTalk') return { intent: 'help', target, changes, object, language, smallTalk };
  if (intent === 'unsupported') return { intent: 'unknown', target, changes, object, language, unsupported };
  if (intent === 'undo') return { intent: 'unknown', target, changes, object, language, undo: true };
  // Extra fields only where a request has them, so a one-person request prints exactly as before.
  const { targets, targetsTruncated, forwardTo } = request;
  return {
    intent, target, changes, object, language,
    ...(targets ? { targets } : {}), ...(targetsTruncated ? { targetsTruncated } : {}), ...(forwardTo ? { forwardTo } : {}),
  };
}
