import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentActivity {
  conversationId: string;
  /** The operation the bot used: a reply, a new message, or an update of an earlier one. */
  kind: 'reply' | 'send' | 'update';
  activity: Record<string, unknown> & { type?: string; text?: string; attachments?: { contentType: string; content: any }[] };
}

/**
 * A stand-in for the Bot Framework connector (Teams' serviceUrl): a real HTTP server that records every
 * activity the bot posts, so a test sees exactly what a Teams client would receive.
 */
export class FakeConnector {
  readonly sent: SentActivity[] = [];
  /** Updates to refuse (403, as Teams answers for a deleted message) before accepting them again. */
  refuseUpdates = 0;
  /** Updates refused so far. */
  refused = 0;
  /** Activities the bot deleted (DELETE …/activities/{id}), by conversation; not in `sent`. */
  readonly deleted: { conversationId: string; activityId: string }[] = [];
  /** While true, updates get no answer until release() (a connector that hangs). */
  holdUpdates = false;
  private held: (() => void)[] = [];
  private server?: Server;
  private waiters: (() => void)[] = [];
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(req.url ?? '');
        if (m && m[2] && req.method === 'DELETE') {
          this.deleted.push({ conversationId: decodeURIComponent(m[1]), activityId: decodeURIComponent(m[2]) });
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{}');
          return;
        }
        if (m && req.method === 'PUT' && this.holdUpdates) {
          // Not chained: restify, loaded in the same process, patches writeHead to return nothing.
          this.held.push(() => {
            res.writeHead(503);
            res.end();
          });
          return;
        }
        if (m && req.method === 'PUT' && this.refuseUpdates > 0) {
          this.refuseUpdates--;
          this.refused++;
          res.writeHead(403, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 'Forbidden', message: 'The bot cannot update this message.' } }));
          return;
        }
        if (m) {
          const activity = body ? JSON.parse(body) : {};
          const kind = req.method === 'PUT' ? 'update' : m[2] ? 'reply' : 'send';
          this.sent.push({ conversationId: decodeURIComponent(m[1]), kind, activity });
          this.waiters.splice(0).forEach((w) => w());
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `activity-${this.sent.length}` }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Resolves once at least `count` activities have been posted (or rejects after `ms`). */
  async waitFor(count: number, ms = 20_000): Promise<SentActivity[]> {
    const deadline = Date.now() + ms;
    while (this.sent.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} activities, got ${this.sent.length}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
    return this.sent;
  }

  clear(): void {
    this.sent.length = 0;
  }

  /** Stops holding updates and answers the held ones (503). */
  release(): void {
    this.holdUpdates = false;
    this.held.splice(0).forEach((answer) => answer());
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

/** All texts of all posted activities, card text included, for assertions and leak checks. */
export function allText(sent: SentActivity[]): string {
  return sent.map((s) => JSON.stringify(s.activity)).join('\n');
}
