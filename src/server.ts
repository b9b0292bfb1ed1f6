import restify from 'restify';
import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import type { Logger } from './logger';

export interface HealthReport {
  status: 'ok' | 'degraded';
  version: string;
  mode: string;
  /** The kind of store: pglite or postgres. */
  store: string;
  database: 'reachable' | 'unreachable';
  graph: 'reachable' | 'unreachable';
  /** What is down, when anything is: a probe's log line says which without reading the body twice. */
  down: ('database' | 'graph')[];
}

export interface ServerDeps {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  health: () => Promise<HealthReport>;
  log: Logger;
}

interface RestifyError {
  statusCode?: number;
  message?: string;
  toJSON?: () => unknown;
  toString: () => string;
}

/** Bot Framework requests are small; anything larger is refused before it is parsed. */
export const MAX_BODY_BYTES = 256 * 1024;

/**
 * The body parser: JSON only, read whole within the limit. The general bodyParser would hand multipart bodies to
 * formidable, which writes them to the temp directory, past the size limit and before any authentication.
 */
export function jsonBodies(): restify.RequestHandler[] {
  // restify's types leave out maxBodySize here; the body reader it wraps takes it.
  const options: restify.plugins.JsonBodyParserOptions & { maxBodySize: number } = { maxBodySize: MAX_BODY_BYTES, mapParams: false };
  return restify.plugins.jsonBodyParser(options);
}

/** restify with two routes: POST /api/messages (the Bot Framework) and GET /healthz. */
export function createServer({ adapter, bot, health, log }: ServerDeps): restify.Server {
  const server = restify.createServer({ name: 'account-assistant', handleUncaughtExceptions: false });
  server.use(jsonBodies());

  // restify ≥ 9: async handlers take (req, res) only.
  server.post('/api/messages', async (req, res) => {
    try {
      // Only JSON: a form post is what a web page can send cross-site without asking; it gets a 415, not a 400.
      if (!req.is('json')) {
        res.send(415, { error: 'The body must be application/json.' });
        return;
      }
      if (!req.body || typeof req.body !== 'object' || Array.isArray(req.body)) {
        res.send(400, { error: 'The body must be a JSON activity.' });
        return;
      }
      await adapter.process(req, res, (context) => bot.run(context));
    } catch (error) {
      // The adapter rejects malformed activities by throwing before its own try: answer 400, never a stack.
      log.warn('http.rejected', { error: (error as Error)?.name, message: (error as Error)?.message?.slice(0, 200) });
      if (!res.headersSent) res.send(400, { error: 'Malformed activity.' });
    }
  });

  // The Agents Playground (and endpoint checks such as a load balancer's) ask with HEAD whether the endpoint is
  // there; without this route restify answers 405 and logs it, which reads like a broken bot. A HEAD carries no
  // activity and gets no body, so it needs no token: nothing reaches the adapter, and POST keeps its checks.
  server.head('/api/messages', async (_req, res) => {
    res.send(204);
  });

  server.get('/healthz', async (_req, res) => {
    const report = await health();
    res.send(report.status === 'ok' ? 200 : 503, report);
  });

  // Errors restify raises itself (bad JSON, body too large, unknown route): a short message, never a stack.
  server.on('restifyError', (req: restify.Request, _res: restify.Response, err: RestifyError, callback: () => void) => {
    const status = err.statusCode ?? 500;
    log.info('http.error', { method: req.method, path: req.path(), status });
    err.toJSON = () => ({ error: status < 500 ? String(err.message).slice(0, 200) : 'Internal error' });
    err.toString = () => (status < 500 ? String(err.message).slice(0, 200) : 'Internal error');
    return callback();
  });
  return server;
}
