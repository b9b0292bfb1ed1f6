/**
 * A name folded for comparison: case, diacritics, apostrophe styles and spacing do not matter,
 * so "zoe  DIJKSTRA" equals "Zoë Dijkstra" and "O’Brien" equals "O'Brien".
 */
export function foldName(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** The words of a folded name, split on spaces, dots, hyphens and underscores (UPN local parts too). */
export function nameWords(value: string): string[] {
  return foldName(value).split(/[\s._-]+/).filter(Boolean);
}
