import type { Directory, Group } from './directory';
import { foldName, nameWords } from '../text/foldName';
import { similarity } from '../text/similarity';

/** At most this many groups are offered; Graph is asked for more, to rank. */
export const MAX_GROUP_SUGGESTIONS = 5;
const FETCH = 50;
/** Below this likeness a group is not offered: "Finance" is no suggestion for "Logistcs". */
const MIN_SCORE = 0.5;

/**
 * Groups whose names are near a name that matched none. Graph has no fuzzy search, so one `$search` asks for
 * groups with a name word starting like any typed word (its first three letters: a typo later in the word still
 * finds it), and the answers are ranked here by edit distance, on the whole name and word by word.
 */
export async function findNearGroups(directory: Directory, query: string): Promise<Group[]> {
  const words = nameWords(query).filter((w) => w.length >= 2);
  if (!words.length) return [];
  const prefixes = [...new Set(words.map((w) => w.slice(0, 3)))];
  const found = await directory.searchGroups(prefixes, FETCH);
  return rankGroups(query, found).slice(0, MAX_GROUP_SUGGESTIONS);
}

/** Nearest first; groups too unlike the query are left out. Pure, for tests. */
export function rankGroups(query: string, groups: Group[]): Group[] {
  const folded = foldName(query);
  const words = nameWords(query);
  const seen = new Set<string>();
  return groups
    .filter((g) => !seen.has(g.id) && (seen.add(g.id), true))
    .map((g) => ({ g, score: Math.max(similarity(folded, foldName(g.displayName)), wordLikeness(words, nameWords(g.displayName))) }))
    .filter((x) => x.score >= MIN_SCORE)
    .sort((a, b) => b.score - a.score || a.g.displayName.localeCompare(b.g.displayName))
    .map((x) => x.g);
}

/** How well each typed word matches its nearest word of the name, on average ("Servce Dsk" ~ "IT Service Desk"). */
function wordLikeness(typed: string[], own: string[]): number {
  if (!typed.length || !own.length) return 0;
  return typed.reduce((sum, w) => sum + Math.max(...own.map((o) => similarity(w, o))), 0) / typed.length;
}
