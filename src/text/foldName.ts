/**
 * A name folded for comparison: case, diacritics, apostrophe styles and spacing do not matter,
 * so "zoe  DIJKSTRA" equals "Zoë Dijkstra" and "O’Brien" equals "O'Brien".
 */
export function foldName(value: string): string {
  // Most names are plain ASCII, which decomposition and the quote styles leave as they are (but for `).
  const plain = PLAIN_ASCII.test(value) ? value : value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u02bc`´]/g, "'");
  return plain.toLowerCase().replace(/\s+/g, ' ').trim();
}

const PLAIN_ASCII = /^[\x00-\x5f\x61-\x7f]*$/;

/** The words of a folded name, split on spaces, dots, hyphens and underscores (UPN local parts too). */
export function nameWords(value: string): string[] {
  return foldName(value).split(/[\s._-]+/).filter(Boolean);
}
