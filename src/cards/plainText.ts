/** Every character the replacements below act on; a URL scheme needs its colon. */
const MAY_NEED_ESCAPING = /[\u0000-\u001f\u007f\\`*_[\]~<>:]/;

/**
 * Makes directory text safe to show in a card's markdown: a value such as `[Approve](https://evil)` or
 * `**urgent**` is shown as typed, never rendered as a link or as formatting.
 *
 * Only the characters that open a link, emphasis or HTML are escaped: clients differ in how they show a
 * backslash escape (microsoft/AdaptiveCards#5590), so ordinary names and titles — hyphens, parentheses,
 * full stops — are left alone. URL schemes are broken with a zero-width space so nothing auto-links.
 */
export function plainText(value: string): string {
  // Most names and titles hold none of it: one test instead of three replacements (a card escapes dozens of values).
  if (!MAY_NEED_ESCAPING.test(value)) return value;
  return value
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/([\\`*_[\]~<>])/g, '\\$1')
    .replace(/\b(https?|ftp|file|mailto|javascript|data):/gi, '$1\u200B:');
}
