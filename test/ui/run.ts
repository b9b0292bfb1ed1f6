/**
 * `npm run test:ui` (in .ci/run, not in `npm test`: it needs a browser). Starts `npm run dev` (Graph emulator, bot,
 * Microsoft 365 Agents Playground) on free ports with a fresh DATA_DIR, opens the playground in headless Chromium
 * as the demo admin Daan Visser, and goes through the README's try-list as a person would: types each message,
 * waits for the bot's cards, checks what is rendered (texts, buttons, the Dutch outcome after Toepassen, the
 * script's code block) and clicks Apply / Toepassen / Cancel. Prints one line per check and the total time; exits 1
 * when a check failed.
 *
 * Environment: CHROMIUM_PATH (default /usr/bin/chromium, Debian's `chromium`), UI_SCREENSHOTS=1 (write the key
 * cards to docs/*.png for the README), UI_KEEP=1 (keep the temporary directory: DATA_DIR, the stack's log).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator } from 'playwright-core';
import { startDemoStack, stopOnExit, tail, type DemoStack } from './demoStack';
import { PlaygroundPage } from './playgroundPage';
import { tryList, type StepContext } from './tryList';

const ROOT = join(__dirname, '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = process.env.UI_SCREENSHOTS === '1';
const STARTUP_MS = 60_000;
const STEP_MS = 20_000;
const WHOLE_RUN_MS = 4 * 60_000;
// Without the background-networking switches Chromium's own connections (updates, sync, field trials) are refused
// by a closed network and slow every page down.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
const out = (line: string) => process.stdout.write(`${line}\n`);

let workDir: string | undefined;
let stack: DemoStack | undefined;
let browser: BrowserContext | undefined;
let cleaning: Promise<void> | undefined;
let stopping = false;

/** Ends everything this run started, once: the browser, the bot and playground, the temporary directory. */
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await browser?.close().catch(() => undefined);
    await stack?.stop().catch(() => undefined);
    if (workDir && process.env.UI_KEEP !== '1') rmSync(workDir, { recursive: true, force: true });
    else if (workDir) out(`ui: kept ${workDir}`);
  })();
  return cleaning;
}
stopOnExit.add(() => {
  if (workDir && process.env.UI_KEEP !== '1') rmSync(workDir, { recursive: true, force: true });
});

async function stopAndExit(code: number, why?: string): Promise<never> {
  stopping = true;
  if (why) process.stderr.write(`ui: ${why}\n`);
  await cleanup();
  out(`ui: finished in ${seconds()} s`);
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stopAndExit(130, `stopped by ${signal}`));
process.on('unhandledRejection', (e) => void stopAndExit(1, `unexpected: ${(e as Error)?.stack ?? e}`));
setTimeout(() => void stopAndExit(1, `the whole run took longer than ${WHOLE_RUN_MS / 1000} s`), WHOLE_RUN_MS).unref();

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    await stopAndExit(1, `no Chromium at ${CHROMIUM}: install Debian's (apt-get install -y --no-install-recommends chromium) or set CHROMIUM_PATH`);
  }
  workDir = mkdtempSync(join(tmpdir(), 'account-assistant-ui-'));
  stack = await startDemoStack(workDir, { timeoutMs: STARTUP_MS });
  out(`ui: npm run dev is up in ${seconds()} s (bot ${stack.botUrl}, playground ${stack.playgroundUrl})`);

  browser = await chromium.launchPersistentContext(join(workDir, 'chromium-profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 1000 },
    deviceScaleFactor: 1,
    timeout: STARTUP_MS,
    // Our own handlers stop everything in order (playwright's would exit before the bot and playground are stopped).
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    // Chromium's crash-report database goes under XDG_CONFIG_HOME: keep it in the run's directory too.
    env: { ...process.env, XDG_CONFIG_HOME: join(workDir, 'xdg-config'), XDG_CACHE_HOME: join(workDir, 'xdg-cache') },
  });
  const page = browser.pages()[0] ?? (await browser.newPage());
  page.setDefaultTimeout(STEP_MS);
  const playground = await PlaygroundPage.open(page, stack.playgroundUrl, STARTUP_MS);
  await playground.openChat('Personal Chat', STEP_MS);
  out(`ui: playground open in Chromium in ${seconds()} s`);

  const failures: string[] = [];
  let checks = 0;
  const docs = join(ROOT, 'docs');
  const failureShots = join(tmpdir(), `account-assistant-ui-failures-${started}`);
  const ctx: StepContext = {
    playground,
    check(label, ok, detail) {
      if (stopping) return;
      checks++;
      out(`  ${ok ? '✔' : '✘'} ${label}`);
      if (!ok) {
        failures.push(label);
        if (detail) out(detail.replace(/^/gm, '      '));
      }
    },
    async shot(name: string, bubble: Locator) {
      if (!SCREENSHOTS) return;
      mkdirSync(docs, { recursive: true });
      await bubble.scrollIntoViewIfNeeded();
      await bubble.screenshot({ path: join(docs, `${name}.png`), animations: 'disabled' });
      out(`    📷 docs/${name}.png`);
    },
    send: (text) => playground.send(text, STEP_MS),
    click: (bubble, button, near) => playground.click(bubble, button, STEP_MS, near),
  };

  for (const step of tryList) {
    out(`• ${step.name}`);
    try {
      await step.run(ctx);
    } catch (e) {
      if (stopping) return;
      ctx.check(`${step.name}: ${(e as Error).message.split('\n')[0]}`, false);
      mkdirSync(failureShots, { recursive: true });
      const path = join(failureShots, `${tryList.indexOf(step) + 1}.png`);
      await page.screenshot({ path }).then(() => out(`      page: ${path}`), () => undefined);
    }
  }
  out(`ui: ${checks - failures.length} of ${checks} checks passed${failures.length ? `; failed:\n${failures.map((f) => `  ✘ ${f}`).join('\n')}` : ''}`);
  await stopAndExit(failures.length ? 1 : 0);
}

main().catch(async (e) => {
  const log = stack ? `\n--- the stack's last lines (${stack.logPath}) ---\n${tail(stack.logPath)}` : '';
  await stopAndExit(1, `${(e as Error).stack ?? e}${log}`);
});
