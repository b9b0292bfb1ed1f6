/**
 * Turns a raw Teams message into plain text the tokenizer can trust: mentions, HTML and entities,
 * control, bidi and zero-width characters, and emoji are dealt with here so no later stage has to.
 * Every expression below is linear (no nested quantifiers), so hostile input cannot make it backtrack.
 */

const NAMED_ENTITIES: Record<string, string> = {
  nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", lsquo: '\u2018', rsquo: '\u2019',
  ldquo: '\u201C', rdquo: '\u201D', ndash: '\u2013', mdash: '\u2014', hellip: '\u2026',
};

// A mention at the start addresses the bot ("@Account Assistant disable Pieter"), so it goes, also when Teams
// wraps the message in a paragraph ("<p><at>…</at> disable Pieter</p>"); a mention further on names the person
// the request is about, so only its tags go. (A mention typed as plain text, "@Account Assistant …", is a
// leading filler of the lexicons.)
const LEADING_MENTIONS = /^(?:\s*<(?:p|div|span)\b[^<>]*>)*(?:\s*<at\b[^<>]*>[^<>]*<\/at>)+/i;
const BLOCK_TAGS = /<\/?(?:br|p|div|li|tr)\b[^<>]*>/gi;
const ANY_TAG = /<\/?[a-z][^<>]*>/gi;
const ENTITY = /&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi;
// C0/C1 controls except tab and newline; bidi embeddings, overrides and isolates; zero-width marks; soft hyphen.
const INVISIBLE =
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00AD\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
const EMOJI = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|[\u{1F1E6}-\u{1F1FF}]|\uFE0E|\uFE0F|\u20E3/gu;
const SPACES = /[ \t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+/g;

function decodeEntity(whole: string, body: string): string {
  const lower = body.toLowerCase();
  if (lower.startsWith('#')) {
    const code = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  }
  return NAMED_ENTITIES[lower] ?? whole;
}

// Printable ASCII without markup needs none of the work below, and most chat messages are just that.
const PLAIN = /^[\x20-\x25\x27-\x3b\x3d\x3f-\x7e]*$/;

/** Plain, single-spaced text with line breaks kept (they separate "key: value" lines). */
export function sanitize(raw: string): string {
  if (PLAIN.test(raw)) return raw.replace(/ {2,}/g, ' ').trim();
  let text = raw.replace(LEADING_MENTIONS, ' ');
  if (text.includes('<')) text = text.replace(BLOCK_TAGS, '\n').replace(ANY_TAG, '');
  if (text.includes('&')) text = text.replace(ENTITY, decodeEntity);
  // Entities can encode invisible characters and tags can hide between them, so clean after decoding.
  text = text.replace(/\r\n?/g, '\n').replace(INVISIBLE, '').replace(EMOJI, ' ').normalize('NFC');
  return text.replace(SPACES, ' ').replace(/ ?\n[\n ]*/g, '\n').trim();
}
