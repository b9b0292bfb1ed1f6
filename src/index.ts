import { createApp } from './app';
import { ConfigError, loadProductionConfig } from './config';
import { StartupError } from './errors';
import { createLogger } from './logger';
import { version } from './version';

/** Production entry point (`npm start`): refuses to start unless fully configured. */
async function main(): Promise<void> {
  let config;
  let app;
  try {
    config = loadProductionConfig(process.env, version);
    app = await createApp(config, { log: createLogger(config.logLevel) });
  } catch (e) {
    // Missing variables, or a policy file that does not parse: one line per problem, then stop.
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\nSee .env.example for every variable.\n`);
      process.exit(1);
    }
    // A data directory in use or damaged: one line naming it and what to do.
    if (e instanceof StartupError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  const log = createLogger(config.logLevel);
  const { url } = await app.listen();
  log.info('server.started', { url, mode: config.mode, version });
  const stop = async (signal: string) => {
    log.info('server.stopping', { signal });
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

void main();
