import { welcomeCard } from '../cards/welcomeCard';
import { DirectoryError } from '../errors';
import type { Translator } from '../i18n/translate';
import { roleDisplayNames } from '../policy/roles';
import { abilitiesOf } from '../policy/changePolicy';
import { mayApprove } from '../policy/approvers';
import type { AssistantContext } from './assistantContext';
import type { Caller } from './caller';
import { card, text, type Reply } from './reply';

/** Where the app was installed: a personal chat gets the welcome card, a team or group chat a short intro. */
export interface Installation {
  conversationId: string;
  conversationType: Caller['conversation']['type'];
  /** The person who installed it, when Teams names them (only read in a personal chat). */
  userId: string | null;
}

const welcomedKey = (conversationId: string) => `welcomed:${conversationId}`;

/**
 * The first words in a conversation the app was just added to. Teams announces one installation twice (an
 * `installationUpdate` and a `conversationUpdate` adding the bot), so the conversation is marked as welcomed and a
 * second announcement gets nothing; an uninstall clears the mark, so installing again is welcomed again.
 */
export async function welcome(ctx: AssistantContext, where: Installation, t: Translator): Promise<Reply[]> {
  const key = welcomedKey(where.conversationId);
  if (!(await ctx.settings.claim(key, { at: ctx.clock.now().toISOString() }))) return [];
  // Others can read a team's channel: nothing about the person who added the app.
  if (where.conversationType !== 'personal' || !where.userId) return [text(t('welcome.team'))];
  return [card(welcomeCard(await standingOf(ctx, where.userId), t))];
}

export async function forgetWelcome(ctx: AssistantContext, conversationId: string): Promise<void> {
  if (await ctx.settings.get(welcomedKey(conversationId))) await ctx.settings.set(welcomedKey(conversationId), null);
}

/** Who the person is to the bot; when Graph cannot say, the card leaves it out rather than guess "no role". */
async function standingOf(ctx: AssistantContext, userId: string) {
  try {
    const [me, reports, approvers] = await Promise.all([ctx.privileges.caller(userId), ctx.directory.getDirectReports(userId), ctx.approvers.get()]);
    return {
      roleNames: roleDisplayNames(me.activeRoleIds), directReports: reports.length, known: true,
      can: abilitiesOf(me.activeRoleIds), decides: mayApprove(ctx.policy, approvers, userId, me.activeRoleIds),
    };
  } catch (e) {
    if (!(e instanceof DirectoryError)) throw e;
    ctx.log.warn('welcome.standingUnknown', { code: e.code });
    return { roleNames: [], directReports: 0, known: false, can: abilitiesOf([]), decides: false };
  }
}
