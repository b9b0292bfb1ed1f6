import type { Activity } from 'botbuilder';
import { conversationKind } from '../../src/bot/callerFromActivity';

const said = (conversation: Record<string, unknown>) => ({ conversation }) as unknown as Pick<Activity, 'conversation'>;

describe('conversationKind', () => {
  it.each([
    [{ conversationType: 'personal' }, 'personal'],
    [{ conversationType: 'groupChat', isGroup: true }, 'groupChat'],
    [{ conversationType: 'channel', isGroup: true }, 'channel'],
    // Clients other than Teams may leave the kind out: only a conversation that is not a group is a 1:1 chat.
    [{}, 'personal'],
    [{ isGroup: false }, 'personal'],
    [{ isGroup: true }, 'groupChat'],
    // A kind we do not know is never taken for a 1:1 chat.
    [{ conversationType: 'meeting' }, 'groupChat'],
    [{ conversationType: '' }, 'groupChat'],
    [{ conversationType: 'Personal' }, 'groupChat'],
  ])('%j → %s', (conversation, kind) => {
    expect(conversationKind(said(conversation))).toBe(kind);
  });
});
