import { plainText } from '../cards/plainText';
import { resolveLicence } from '../changes/resolveLicence';
import type { Translator } from '../i18n/translate';
import type { Request } from '../language/request';
import type { AssistantContext } from './assistantContext';
import { text, type Reply } from './reply';

/**
 * The licence a request names ("give Noah Visio", "remove Visio from A, B and C"), found among the tenant's
 * subscriptions, as the operation to plan; or the reply that lists the licences meant (several match) or known (none
 * does). The same answer for a change to one person and to many.
 */
export async function licenceOperation(
  ctx: AssistantContext, request: Request, t: Translator,
): Promise<{ ref: { op: 'licence'; add: boolean; skuId: string } } | { replies: Reply[] }> {
  const query = (request.object ?? '').trim();
  const match = resolveLicence(query, await ctx.skus.get());
  if (match.kind === 'one') return { ref: { op: 'licence', add: request.intent === 'assignLicense', skuId: match.sku.skuId } };
  // Typed text and directory names are shown as text: a name such as "[Sign in](https://…)" is no link here.
  const names = match.names.map(plainText).join(', ');
  return { replies: [text(t(match.kind === 'many' ? 'licence.ambiguous' : 'licence.notFound', { query: plainText(query), names }))] };
}
