import { randomInt } from 'node:crypto';

// Look-alikes (0/O, 1/l/I) are left out: the admin reads this password out or types it elsewhere.
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const DIGITS = '23456789';
const SYMBOLS = '!#%+-=?@';
const ALL = UPPER + LOWER + DIGITS + SYMBOLS;

/**
 * A temporary password from the operating system's cryptographic random source: 16 characters with at
 * least one of each of Entra's four character classes (Entra asks for three of four, 8 to 256 long).
 * About 98 bits of entropy; the positions of the guaranteed classes are shuffled with the same source.
 */
export function temporaryPassword(length = 16): string {
  const pick = (set: string) => set[randomInt(set.length)];
  const chars = [pick(UPPER), pick(LOWER), pick(DIGITS), pick(SYMBOLS)];
  while (chars.length < length) chars.push(pick(ALL));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}
