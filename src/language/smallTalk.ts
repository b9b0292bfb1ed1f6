/**
 * Small talk: a message that only thanks, greets or acknowledges ("thanks!", "hoi", "ok, great") deserves a
 * short answer, not the help card. Only a message made of nothing else counts: "thanks, now block Jan" is a
 * request.
 */
import type { SmallTalk } from './request';
import type { Sentence } from './sentence';

/** Longer messages are not small talk; the bound also keeps the check a few array reads. */
const MAX_TOKENS = 16;

/** What a class contributes; a message's kind is its strongest part ("ok thanks" thanks). */
const RANK: Record<string, number> = {
  leadingFiller: 0, trailingFiller: 0, softener: 0, acknowledgement: 1, greeting: 2, thanks: 3, cancel: 4,
};
const KINDS: readonly (SmallTalk | null)[] = [null, 'acknowledgement', 'greeting', 'thanks', 'cancel'];

/** Emoji that say something in a chat: 👍 👌 ✅ 🆗 💯 🙌 👏 🎉 acknowledge, 🙏 thanks, 👋 greets. A face alone says too little. */
const GESTURE_EMOJI = /[\u{1F44D}\u{1F44C}\u{2705}\u{1F197}\u{1F4AF}\u{1F64C}\u{1F44F}\u{1F389}\u{1F64F}\u{1F44B}]/u;
const THANKS_EMOJI = /\u{1F64F}/u;
const GREETING_EMOJI = /\u{1F44B}/u;

/** The kind of small talk a message without words is ("👍" acknowledges), or null when it holds no such emoji. */
export function emojiSmallTalk(raw: string): SmallTalk | null {
  if (!GESTURE_EMOJI.test(raw)) return null;
  if (THANKS_EMOJI.test(raw)) return 'thanks';
  return GREETING_EMOJI.test(raw) ? 'greeting' : 'acknowledgement';
}

/** The kind of small talk the whole message is, or null when it is anything more (or only "please"). */
export function smallTalkOf(s: Sentence): SmallTalk | null {
  const n = s.tokens.length;
  if (n === 0 || n > MAX_TOKENS) return null;
  // best[i]: the strongest kind of a reading that covers the first i tokens, -1 when none does.
  const best = new Array<number>(n + 1).fill(-1);
  best[0] = 0;
  for (let i = 0; i < n; i++) {
    if (best[i] < 0) continue;
    const t = s.tokens[i];
    if (t.kind === 'punct' || t.kind === 'break') best[i + 1] = Math.max(best[i + 1], best[i]);
    for (const hit of s.hits[i]) {
      const rank = RANK[hit.cls];
      if (rank !== undefined) best[i + hit.length] = Math.max(best[i + hit.length], best[i], rank);
    }
  }
  return best[n] > 0 ? KINDS[best[n]] : null;
}
