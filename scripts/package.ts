import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import JSZip from 'jszip';
import { validateManifest } from './manifestSchema';
import { readPngHeader } from './png';

/*
 * `npm run package`: builds the Teams app package dist/account-assistant.zip from manifest/.
 * manifest/manifest.json keeps the all-zero GUID as a placeholder; this fills in the real ids:
 *   MicrosoftAppId (required, a GUID) → id, bots[0].botId, webApplicationInfo (Teams single sign-on, delegated mode):
 *     id = the app id, resource = api://botid-<app id> (the bot's exposed API, as the app registration and the Azure
 *     Bot's OAuth connection name it: a bot without tabs uses this form, whatever its domain)
 *   BOT_DOMAIN (optional, e.g. bot.fabrikam.nl) → validDomains
 * validDomains keeps token.botframework.com, where Teams opens the sign-in card's page.
 * The result is validated against the official schema before it is written.
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PLACEHOLDER_GUID = '00000000-0000-0000-0000-000000000000';
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const ICONS = { color: 192, outline: 32 } as const;

/** A packaging problem, said in one line with what to do about it. */
export class PackageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PackageError';
  }
}

export interface PackageOptions {
  /** Folder with manifest.json, color.png and outline.png. */
  manifestDir: string;
  outFile: string;
  env: Record<string, string | undefined>;
  /** Written to the manifest's `version` (default: the one already there). */
  version?: string;
}

interface Manifest {
  id: string;
  version: string;
  icons: { color: string; outline: string };
  bots?: { botId: string }[];
  validDomains?: string[];
  webApplicationInfo?: { id: string; resource?: string };
  [key: string]: unknown;
}

/** The manifest with the ids from the environment filled in (not yet validated). */
export function substituteIds(template: Manifest, env: Record<string, string | undefined>, version?: string): Manifest {
  const appId = env.MicrosoftAppId?.trim() ?? '';
  if (!appId) throw new PackageError("MicrosoftAppId is required: set it to the Azure Bot's Microsoft App ID (a GUID)");
  if (!GUID.test(appId)) throw new PackageError(`MicrosoftAppId must be a GUID (got '${appId.slice(0, 40)}')`);
  if (appId === PLACEHOLDER_GUID) throw new PackageError("MicrosoftAppId is the all-zero placeholder: set the Azure Bot's real Microsoft App ID");
  const domain = botDomain(env.BOT_DOMAIN);

  const m: Manifest = structuredClone(template);
  m.id = appId;
  if (version) m.version = version;
  for (const bot of m.bots ?? []) bot.botId = appId;
  if (m.webApplicationInfo) {
    m.webApplicationInfo.id = appId;
    m.webApplicationInfo.resource = ssoResource(appId);
  }
  m.validDomains = [...new Set([...(m.validDomains ?? []), ...(m.webApplicationInfo ? [SIGN_IN_DOMAIN] : []), ...(domain ? [domain] : [])])];
  return m;
}

/** The Application ID URI of the bot's exposed API, which Teams asks the SSO token for (api://botid-<app id>). */
export function ssoResource(appId: string): string {
  return `api://botid-${appId}`;
}

/** Teams opens the Bot Framework's sign-in page from the sign-in card there. */
export const SIGN_IN_DOMAIN = 'token.botframework.com';

/** BOT_DOMAIN as a bare host name; accepts a URL too. */
function botDomain(raw: string | undefined): string | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  const host = value.replace(/^https?:\/\//i, '').replace(/[/:].*$/, '').toLowerCase();
  if (!HOSTNAME.test(host)) throw new PackageError(`BOT_DOMAIN must be a host name such as bot.fabrikam.nl (got '${value.slice(0, 60)}')`);
  return host;
}

function readFile(dir: string, name: string): Buffer {
  try {
    return readFileSync(join(dir, name));
  } catch {
    throw new PackageError(`cannot read ${join(dir, name)}: run from the repository root (icons: npx tsx scripts/makeIcons.ts)`);
  }
}

/** Builds, validates and writes the app package; returns the manifest it contains. */
export async function buildAppPackage(opts: PackageOptions): Promise<Manifest> {
  let template: Manifest;
  try {
    template = JSON.parse(readFile(opts.manifestDir, 'manifest.json').toString('utf8')) as Manifest;
  } catch (e) {
    throw e instanceof PackageError ? e : new PackageError(`manifest.json is not valid JSON: ${(e as Error).message}`);
  }
  const manifest = substituteIds(template, opts.env, opts.version);
  const problems = validateManifest(manifest);
  if (problems.length > 0) {
    throw new PackageError(`manifest.json does not match the Teams v${String(manifest.manifestVersion)} schema: ${problems.join('; ')}`);
  }

  const zip = new JSZip();
  zip.file('manifest.json', JSON.stringify(manifest, null, 2) + '\n');
  for (const [kind, size] of Object.entries(ICONS) as [keyof typeof ICONS, number][]) {
    const name = manifest.icons[kind];
    const png = readFile(opts.manifestDir, name);
    const { width, height } = readPngHeader(png);
    if (width !== size || height !== size) throw new PackageError(`${name} must be ${size}×${size} pixels (is ${width}×${height})`);
    zip.file(name, png);
  }
  mkdirSync(dirname(opts.outFile), { recursive: true });
  writeFileSync(opts.outFile, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return manifest;
}

if (require.main === module) {
  const root = join(__dirname, '..');
  const outFile = join(root, 'dist', 'account-assistant.zip');
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  buildAppPackage({ manifestDir: join(root, 'manifest'), outFile, env: process.env, version })
    .then((m) => console.log(`wrote ${outFile} (app id ${m.id}, version ${m.version})`))
    .catch((e: unknown) => {
      console.error(`package: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 1;
    });
}
