import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { RetryBudgetMiddleware } from '../../src/directory/graph/retryBudgetMiddleware';

/** The next link of the chain: answers each attempt as told, and keeps the signal each attempt was given. */
class ScriptedLink implements Middleware {
  readonly signals: AbortSignal[] = [];

  constructor(private readonly answer: (signal: AbortSignal) => Promise<Response>) {}

  async execute(context: Context): Promise<void> {
    const signal = context.options!.signal!;
    this.signals.push(signal);
    context.response = await this.answer(signal);
  }
}

const OPTIONS = { maxRetries: 2, budgetMs: 1_000, attemptTimeoutMs: 40, baseDelayMs: 1 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function run(link: Middleware, method = 'GET'): Promise<Context> {
  const retry = new RetryBudgetMiddleware(OPTIONS);
  retry.setNext(link);
  const context: Context = { request: 'https://graph.example/v1.0/users', options: { method } };
  return retry.execute(context).then(() => context);
}

/** A request that answers only when its attempt is abandoned (with the signal's reason, as the HTTP handler does). */
const hang = (signal: AbortSignal) => new Promise<Response>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true }));

describe('RetryBudgetMiddleware: each attempt\'s time limit', () => {
  it('abandons an attempt that hangs with a TimeoutError, and sends a read again', async () => {
    let attempts = 0;
    const link = new ScriptedLink((signal) => (++attempts === 1 ? hang(signal) : Promise.resolve(new Response('{}', { status: 200 }))));
    const context = await run(link);
    expect(context.response!.status).toBe(200);
    expect(link.signals).toHaveLength(2);
    expect(link.signals[0].aborted).toBe(true);
    expect((link.signals[0].reason as Error).name).toBe('TimeoutError');
  });

  it('never sends a write again after a hanging attempt: the TimeoutError comes out', async () => {
    const link = new ScriptedLink(hang);
    await expect(run(link, 'PATCH')).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(link.signals).toHaveLength(1);
  });

  it('stops the clock of an attempt that has answered (no timer left behind per request)', async () => {
    const link = new ScriptedLink(() => Promise.resolve(new Response('{}', { status: 200 })));
    await run(link);
    await sleep(OPTIONS.attemptTimeoutMs * 3);
    // AbortSignal.timeout would have fired here, long after the answer; the attempt's own timer was cleared.
    expect(link.signals[0].aborted).toBe(false);
  });
});
