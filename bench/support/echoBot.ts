/**
 * Child process: the baseline. An echo bot on the same stack as ours — restify with the same body parser,
 * botbuilder's CloudAdapter in development mode (no app id), an ActivityHandler — answering every message with
 * one text reply through the same fake connector. What is left of our turn after subtracting this is ours.
 *
 * As botbuilder ships it, the CloudAdapter builds new Bot Framework clients (and with them a new connection to
 * the connector) for every turn; our bot reuses them (src/bot/connectorClients.ts). ECHO_CLIENTS=reused gives
 * the echo bot the same reuse, so that the benchmark also shows the comparison without that advantage.
 * ECHO_WORK=matched (with GRAPH_URL and TENANT_ID) adds the Graph requests and the store write our turn of the same
 * kind must make (echoWork.ts), before the same text reply.
 */
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { ClientReusingAuthentication } from '../../src/bot/clientReusingAuthentication';
import restify from 'restify';
import { jsonBodies } from '../../src/server';
import { cpuMs, failStart, profiler, serveParent, settledMemory } from './child';
import { startEchoWork } from './echoWork';

async function main(): Promise<void> {
  const auth = process.env.ECHO_CLIENTS === 'reused' ? new ClientReusingAuthentication({}) : new ConfigurationBotFrameworkAuthentication({});
  const adapter = new CloudAdapter(auth);
  const work = process.env.ECHO_WORK === 'matched' ? await startEchoWork(process.env.GRAPH_URL!, process.env.TENANT_ID!) : null;
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    await work?.run(context.activity.text ?? '', context.activity.from.aadObjectId ?? context.activity.from.id);
    await context.sendActivity(`You said: ${context.activity.text ?? ''}`);
    await next();
  });
  const server = restify.createServer({ name: 'echo', handleUncaughtExceptions: false });
  server.use(jsonBodies());
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  let turns = 0;
  let at = cpuMs();
  server.server.on('request', (req) => {
    if (req.url === '/api/messages') turns++;
  });
  serveParent({ url: `http://127.0.0.1:${server.address().port}` }, {
    reset: () => {
      turns = 0;
      at = cpuMs();
    },
    stats: () => ({ cpuMs: cpuMs() - at, turns }),
    memory: () => settledMemory(),
    profileStart: () => profiler.start(),
    profileStop: (args) => profiler.stop(String((args as { path: string }).path)),
  }, async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.server.closeIdleConnections();
    });
    await work?.close();
  });
}

main().catch(failStart);
