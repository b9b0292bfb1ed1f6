/**
 * The parts of an offboarding request that sit around the sentence the templates read: a closing "… and forward
 * his mail to Lars" (which only an offboarding carries, as `forwardTo`), and Dutch word order that puts the time
 * before the verb's end ("Noah gaat per 1 maart uit dienst"). Pure string work on short text, linear expressions only.
 */
import { splitWhen, type When } from './when';

/** The person mail goes to: an address, or up to seven words of a name (letters, digits, "-", ".", "'"). */
const PERSON = String.raw`([\p{L}\p{N}][\p{L}\p{M}\p{N}._%+'’-]{0,63}(?:@[\p{L}\p{N}.-]{1,253})?(?:\s+[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}.'’-]{0,63}){0,6})`;
const MAIL = String.raw`(?:e-?mails?|mails?|mailbox|inbox|messages|berichten|mailtjes)`;
const OWNER = String.raw`(?:(?:all\s+)?(?:of\s+)?(?:his|her|their|its|the|zijn|haar|hun|de|z'n|d'r|al\s+zijn|al\s+haar)\s+)?`;
const LEAD = String.raw`(?:\s*[,;]\s*|\s+)(?:(?:and|en|with|met)\s+)?(?:(?:also|ook|please|graag)\s+)?`;
const END = String.raw`\s*[.!]*\s*$`;

/** Ways of asking for the leaver's mail to be forwarded, each capturing the person; anchored at the end. */
const FORWARDS: readonly RegExp[] = [
  // "… and forward his mail to Lars", "…, redirect email to lars@contoso.com", "… en forward zijn mail naar Lars"
  new RegExp(String.raw`${LEAD}(?:forward|redirect|send|route|stuur|leid)\s+${OWNER}${MAIL}\s+(?:on\s+)?(?:to|naar|aan)\s+${PERSON}(?:\s+(?:door|om))?${END}`, 'iu'),
  // "… and have his mail forwarded to Lars", "… and his email should go to Lars"
  new RegExp(String.raw`${LEAD}(?:have\s+|get\s+)?${OWNER}${MAIL}\s+(?:should\s+|must\s+|needs\s+to\s+|will\s+)?(?:be\s+)?(?:forwarded|redirected|sent|go|goes)\s+(?:on\s+)?to\s+${PERSON}${END}`, 'iu'),
  // "… with mail forwarding to Lars", "… and set up email forwarding to Lars", "… met doorsturen van zijn mail naar Lars"
  new RegExp(String.raw`${LEAD}(?:set\s+up\s+|setup\s+|enable\s+|configure\s+|add\s+|stel\s+)?${MAIL}?\s*(?:forwarding|doorsturing|doorsturen)\s+(?:(?:of|van)\s+${OWNER}${MAIL}\s+)?(?:in\s+)?(?:to|naar|aan)\s+${PERSON}(?:\s+in)?${END}`, 'iu'),
  // "… en stuur zijn mail door naar Lars", "… en zijn mail doorsturen naar Lars", "… en zijn mail naar Lars doorsturen"
  new RegExp(String.raw`${LEAD}(?:stuur\s+)?${OWNER}${MAIL}\s+(?:door\s+|doorsturen\s+|doorzetten\s+|laten\s+doorsturen\s+)?(?:naar|aan)\s+${PERSON}(?:\s+(?:doorsturen|doorzetten|door|laten\s+doorsturen|sturen))?${END}`, 'iu'),
];

/** Words that may trail the person's name without being part of it. */
const TRAILING = /\s+(?:please|pls|thanks|thank\s+you|graag|alsjeblieft|alstublieft|aub|svp|bedankt|too|as\s+well|ook)$/iu;
const ME = /^(?:me|myself|mij|mezelf|mijzelf)$/iu;
const PRONOUN = /^(?:him|her|them|it|hem|haar|hen|hun|ze|zij|hij|he|she|they|his|zijn)$/iu;

/** The request without its closing "… and forward his mail to X", and X as written ("me" for the speaker). */
export function splitForward(text: string): { text: string; forwardTo: string } | null {
  if (text.length > 2_000 || !/forward|redirect|door|mail|messages|berichten/i.test(text)) return null;
  for (const re of FORWARDS) {
    const m = re.exec(text);
    if (!m) continue;
    let person = m[1].trim();
    for (let prev = ''; prev !== person;) [prev, person] = [person, person.replace(TRAILING, '').trim()];
    if (!person || PRONOUN.test(person)) continue;
    const rest = text.slice(0, m.index).trim();
    if (rest) return { text: rest, forwardTo: ME.test(person) ? 'me' : person.replace(/’/g, "'") };
  }
  return null;
}

/**
 * Dutch puts the time before the end of the verb: "Noah gaat per 1 maart uit dienst", "Noah vrijdag uit dienst
 * melden". The request with the time moved out, and that time; null when the text has no such shape.
 */
export function splitDutchLeaveWhen(text: string): { text: string; when: When } | null {
  const m = /\s(uit\s+dienst(?:\s+(?:melden|zetten|treden|gaan))?|verlaten|vertrekken)\s*[.!]*\s*$/iu.exec(text);
  if (!m) return null;
  const split = splitWhen(text.slice(0, m.index));
  return split ? { text: `${split.text} ${m[1]}`, when: split.when } : null;
}

const MONTH = String.raw`(?:jan(?:uary|uari)?|feb(?:ruary|ruari)?|mar(?:ch)?|maart|mrt|apr(?:il)?|may|mei|june?|juni|july?|juli|aug(?:ust|ustus)?|sept?(?:ember)?|oct(?:ober)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
/** A date at the very end with no preposition before it: "1 March", "March 1st, 2027", "1-3". */
const BARE_DATE = new RegExp(String.raw`(^|\s)(?:(on|op|per|from|as\s+of|vanaf|van|m\.i\.v\.)\s+)?((?:the\s+)?\d{1,2}(?:st|nd|rd|th|e)?\s+(?:of\s+)?${MONTH}(?:\s+\d{4})?|${MONTH}\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?|\d{1,2}[-/.]\d{1,2}(?:[-/.]\d{4})?)\s*[.!]*$`, 'iu');

/**
 * "Noah's last day is 1 March", "Noah leaves 3 April": a date with no preposition before it, which the time
 * expressions need ("on 1 March"). The text with one added, or null when it has no such date.
 */
export function withDatePreposition(text: string): string | null {
  const m = BARE_DATE.exec(text);
  if (!m || m[2] || m.index === 0) return null;
  const at = m.index + m[1].length;
  return `${text.slice(0, at)}on ${text.slice(at)}`;
}
