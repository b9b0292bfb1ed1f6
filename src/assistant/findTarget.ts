import type { Account } from '../directory/account';
import { resolveAccount } from '../directory/accountResolver';
import type { AccountSummary } from '../directory/directory';
import { nameWords } from '../text/foldName';
import { choosePersonCard } from '../cards/choosePersonCard';
import type { Translator } from '../i18n/translate';
import type { Request } from '../language/request';
import { plainText } from '../cards/plainText';
import type { AssistantContext } from './assistantContext';
import type { Caller } from './caller';
import { DirectoryError } from '../errors';
import { languageOf } from './conversationLanguage';
import { card, text, type Reply } from './reply';

/** "my report Lee", "my direct report Lee", "mijn medewerker Lee": a name among the caller's direct reports. */
const MY_REPORT = /^(?:my (?:direct )?report|mijn (?:directe )?medewerker)\s+(.+)$/i;

/** How long a choice card stays answerable. */
export const PICK_TTL_MS = 30 * 60_000;

/** The one account the request names, or the replies that ask the caller to say which (nothing else happens). */
export async function findTarget(
  ctx: AssistantContext,
  caller: Caller,
  request: Request,
  t: Translator,
): Promise<{ account: Account } | { replies: Reply[] }> {
  if (!request.target) return { replies: [text(t('target.missing'))] };
  const report = MY_REPORT.exec(request.target.trim());
  const found = report ? await findReport(ctx, caller, report[1])
    : await resolveAccount(ctx.directory, request.target, caller.id, { verifiedDomains: () => verifiedDomains(ctx) });
  switch (found.kind) {
    case 'one':
      return { account: found.account };
    case 'many':
      return { replies: [card(choosePersonCard(request.target, found.candidates, await savePick(ctx, caller, request, found.candidates, t), t))] };
    case 'none': {
      const query = plainText(request.target);
      if (!found.suggestions.length) return { replies: [text(t('resolve.noMatch', { query }))] };
      // Suggestions are buttons that run the same request for the one chosen, through the same pick as a choice
      // card: the click names an id among those offered, and nothing happens to anyone until it comes.
      const question = t('otherDomain' in found && found.otherDomain ? 'resolve.otherDomain' : 'resolve.didYouMean', { query });
      return { replies: [card(choosePersonCard(request.target, found.suggestions, await savePick(ctx, caller, request, found.suggestions, t), t, question))] };
    }
  }
}

function savePick(ctx: AssistantContext, caller: Caller, request: Request, candidates: AccountSummary[], t: Translator): Promise<string> {
  return ctx.picks.save({
    callerId: caller.id,
    request,
    candidateIds: candidates.map((c) => c.id),
    expiresAt: ctx.clock.now().getTime() + PICK_TTL_MS,
    language: languageOf(t),
  });
}

/** A name among the caller's direct reports only: every word must start a word of the display name. */
async function findReport(
  ctx: AssistantContext, caller: Caller, name: string,
): Promise<{ kind: 'one'; account: Account } | { kind: 'many'; candidates: AccountSummary[] } | { kind: 'none'; suggestions: AccountSummary[] }> {
  const words = nameWords(name);
  const reports = (await ctx.directory.getDirectReports(caller.id)).filter((r) => {
    const own = nameWords(r.displayName ?? r.userPrincipalName);
    return words.every((w) => own.some((o) => o.startsWith(w)));
  });
  if (reports.length === 1) {
    const account = await ctx.directory.getAccount(reports[0].id);
    if (account) return { kind: 'one', account };
  }
  if (reports.length > 1) return { kind: 'many', candidates: reports };
  return { kind: 'none', suggestions: [] };
}

/** The tenant's domains, to retry a missed address on; none when they cannot be read (the retry is only a help). */
async function verifiedDomains(ctx: AssistantContext): Promise<Awaited<ReturnType<AssistantContext['organization']['get']>>['verifiedDomains']> {
  try {
    return (await ctx.organization.get()).verifiedDomains;
  } catch (error) {
    if (!(error instanceof DirectoryError)) throw error;
    ctx.log.warn('resolve.domainsUnknown', { code: error.code });
    return [];
  }
}
