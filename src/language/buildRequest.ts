/**
 * Turns what a template captured (token spans) into the parts of a Request: names and values cut from
 * the original text with their case and punctuation, booleans for accountEnabled, null for "clear".
 */
import type { Rule } from './lexicon';
import type { ChangeableProperty, Request, RequestedChange } from './request';
import {
  isNameThenPronoun, isPlainSPossessive, phraseAt, type Captures, type DraftChange, type Sentence, type Span,
} from './sentence';

const MAX_VALUE_LENGTH = 256;
const QUOTES = /^["'“”„«‘’]+|["'“”»‘’]+$/g;

/** True when the whole span is one phrase of `cls`. */
function spanIs(s: Sentence, [from, to]: Span, cls: string): boolean {
  return phraseAt(s, from, cls) === to - from;
}

/** The person as written: articles and "the user" dropped, "me" for the speaker, null for a bare "his". */
export function targetText(s: Sentence, span: Span, possessive = false): string | null {
  let [from, to] = span;
  while (to - from > 1) {
    // Only in lower case: "the user Jan" is Jan, but "Person 12" and "De Vries" are names.
    const drop = s.tokens[from].capitalized ? 0 : phraseAt(s, from, 'the') || phraseAt(s, from, 'personNoun');
    if (!drop || drop >= to - from) break;
    from += drop;
  }
  if (spanIs(s, [from, to], 'me') || spanIs(s, [from, to], 'my')) return 'me';
  // Phones type a curly apostrophe in "o’brien@fabrikam.nl"; the address in the directory has a straight one.
  if (to - from === 1 && s.tokens[from].kind === 'email') return s.tokens[from].text.replace(/’/g, "'");
  // "block his account", "unblock her": the person is named elsewhere (see CompiledLexicon's clauses).
  if (spanIs(s, [from, to], 'possPron') || spanIs(s, [from, to], 'pronoun')) return null;
  if (possessive && isNameThenPronoun(s, from, to)) to -= 1; // "Jan zijn functie"
  const last = s.tokens[to - 1];
  let end = last.end;
  if (possessive && !last.possessive && isPlainSPossessive(s, from, to)) end -= 1; // Dutch "Anouks functie"
  return s.text.slice(s.tokens[from].start, end);
}

/** A value or name as written: one quoted token gives its inside; a final full stop and stray quotes go. */
export function spanText(s: Sentence, [from, to]: Span): string {
  if (to - from === 1 && s.tokens[from].kind === 'quoted') return s.tokens[from].text;
  const raw = s.text.slice(s.tokens[from].start, s.tokens[to - 1].fullEnd).trim();
  const unquoted = /^["“„«‘]/.test(raw) && /["”»’]$/.test(raw) ? raw.replace(QUOTES, '') : raw;
  return unquoted.replace(/[\s,;:]+$/, '').replace(/(?<!\.)\.$/, '').trim();
}

/** The value of one change, or undefined when it makes no sense for the property (accountEnabled "purple"). */
function changeValue(s: Sentence, property: ChangeableProperty, span: Span | null): RequestedChange['value'] | undefined {
  // Clearing accountEnabled ("remove X's account") is not a change this parser understands.
  if (span === null) return property === 'accountEnabled' ? undefined : null;
  if (property === 'accountEnabled') {
    if (spanIs(s, span, 'enabled')) return true;
    return spanIs(s, span, 'disabled') ? false : undefined;
  }
  if (spanIs(s, span, 'empty')) return null;
  if (property === 'manager' && spanIs(s, span, 'me')) return 'me';
  const text = spanText(s, span);
  // No directory property holds more than 256 characters; a longer "value" is a misread sentence.
  return text === '' || text.length > MAX_VALUE_LENGTH ? undefined : text;
}

function drafts(rule: Rule, caps: Captures): readonly DraftChange[] {
  if (caps.changes) return caps.changes;
  const property = rule.property ?? caps.property;
  return property ? [{ property, value: caps.value ?? null }] : [];
}

/** "Global Administrator", "the User Administrator role": the whole span names an admin role. */
function isAdminRoleSpan(s: Sentence, [from, to]: Span): boolean {
  const at = s.tokens[from].capitalized ? from : from + phraseAt(s, from, 'the');
  const role = phraseAt(s, at, 'adminRole');
  return role > 0 && (at + role === to || at + role + phraseAt(s, at + role, 'roleNoun') === to);
}

/** The request a matched rule stands for, or null when its captures do not make a sensible request. */
export function buildRequest(s: Sentence, rule: Rule, caps: Captures): Omit<Request, 'language'> | null {
  const target = caps.target ? targetText(s, caps.target, caps.targetIsPossessive) : null;
  const object = caps.object ? spanText(s, caps.object) || null : null;
  if (rule.unsupported) return { intent: 'unsupported', target, changes: [], object, unsupported: rule.unsupported };
  if (rule.intent !== 'change') return { intent: rule.intent, target, changes: [], object };
  // "make Noah a Global Administrator", "promote Noah to User Administrator": a role asked for, never a job title.
  if (rule.property === 'jobTitle' && caps.value && isAdminRoleSpan(s, caps.value)) {
    return { intent: 'unsupported', target, changes: [], object: null, unsupported: 'assignRole' };
  }
  const changes: RequestedChange[] = [];
  for (const draft of drafts(rule, caps)) {
    const value = rule.value !== undefined ? rule.value : changeValue(s, draft.property, draft.value);
    if (value === undefined) return null;
    changes.push({ property: draft.property, value });
  }
  return changes.length ? { intent: 'change', target, changes, object: null } : null;
}
