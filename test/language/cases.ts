import { parse } from '../../src/language';
import type { Intent, RequestedChange } from '../../src/language/request';

/** One sentence and what it must parse to (`changes` and `object` are checked only when given). */
export interface Case {
  text: string;
  intent: Intent;
  target?: string | null;
  changes?: RequestedChange[];
  object?: string | null;
}

/** A case, compactly: `c(text, intent, target, changes, object)`. */
export const c = (text: string, intent: Intent, target?: string | null, changes?: RequestedChange[], object?: string | null): Case =>
  ({ text, intent, target, changes, object });

/** A change, compactly. */
export const ch = (property: RequestedChange['property'], value: RequestedChange['value']): RequestedChange => ({ property, value });

/** Parses `text` and checks what the case states: the intent always, the rest when given. */
export function expectCase({ text, intent, target, changes, object }: Case, locale?: string): void {
  const got = parse(text, locale);
  expect({ text, intent: got.intent }).toEqual({ text, intent });
  if (target !== undefined) expect(got.target).toBe(target);
  if (changes !== undefined) expect(got.changes).toEqual(changes);
  if (object !== undefined) expect(got.object).toBe(object);
}
