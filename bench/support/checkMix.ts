import { replyKind, type TurnKind } from './activities';
import type { BackendsReady } from './backends';
import type { Child } from './child';

/**
 * Posts each turn of the mix once and checks it answered with one reply of its kind (a profile card, a
 * sync-status card, a confirmation card): a turn that answers "I could not find …" would benchmark the
 * wrong thing. Returns one line per turn that did not.
 */
export async function checkMix(botUrl: string, backends: Child<BackendsReady>, turns: { kind: TurnKind; body: string }[]): Promise<string[]> {
  const problems: string[] = [];
  for (const turn of turns) {
    await backends.call('reset', { keepReplies: true });
    const r = await fetch(`${botUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: turn.body });
    await r.arrayBuffer();
    const replies = await backends.call<string[]>('replies');
    const kinds = replies.map(replyKind);
    if (r.status !== 200 || kinds.length !== 1 || kinds[0] !== turn.kind) {
      const text = (JSON.parse(turn.body) as { text: string }).text;
      problems.push(`"${text}": expected one ${turn.kind} reply, got HTTP ${r.status} and [${kinds.join(', ')}]`);
    }
  }
  await backends.call('reset');
  return problems;
}
