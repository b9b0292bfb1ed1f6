import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { bundledManifestVersions, manifestSchemaUrl, validateManifest } from '../../scripts/manifestSchema';
import { buildAppPackage, PackageError, ssoResource, substituteIds } from '../../scripts/package';
import { COLOR_TYPE_RGBA, decodePng, readPngHeader } from '../../scripts/png';
import { makeIcons } from '../../scripts/makeIcons';

const MANIFEST_DIR = join(__dirname, '../../manifest');
const manifest = JSON.parse(readFileSync(join(MANIFEST_DIR, 'manifest.json'), 'utf8')) as {
  manifestVersion: string; $schema: string; accentColor: string; icons: { color: string; outline: string };
  bots: { scopes: string[]; supportsFiles: boolean; commandLists: { scopes: string[]; commands: { title: string }[] }[] }[];
};
const APP_ID = '5b1c3a0e-6f5d-4a8e-9b2c-1d3e5f7a9b0c';
/** Compiling the official schema and drawing the icons take seconds; more on a busy CI machine. */
const SLOW = 120_000;

describe('manifest/manifest.json', () => {
  it('is valid against the official schema of its version, bundled in @microsoft/app-manifest', () => {
    expect(bundledManifestVersions()).toContain(manifest.manifestVersion);
    expect(manifest.$schema).toBe(manifestSchemaUrl(manifest.manifestVersion));
    expect(validateManifest(manifest)).toEqual([]);
  }, SLOW);

  it('reports schema violations one line each', () => {
    const problems = validateManifest({ ...manifest, id: 'not-a-guid', extra: true });
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/^\/id must match pattern/), "/ must NOT have additional properties ('extra')"]));
  });

  it('offers the bot in personal, team and group chat, with a command list for each', () => {
    const [bot] = manifest.bots;
    expect(bot.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot.supportsFiles).toBe(true); // files in personal chat: bulk changes from a CSV (src/bulk)
    expect(bot.commandLists.map((l) => l.scopes.join()).sort()).toEqual(['groupChat', 'personal', 'team']);
    for (const list of bot.commandLists) {
      expect(list.commands.map((c) => c.title)).toEqual([
        'help', 'show <person>', 'is <person> synced?', 'history of <person>', 'request a change', 'my requests', 'pending approvals',
      ]);
    }
  });
});

describe('icons', () => {
  const color = readFileSync(join(MANIFEST_DIR, manifest.icons.color));
  const outline = readFileSync(join(MANIFEST_DIR, manifest.icons.outline));

  it('has a 192×192 colour icon whose background is the accent colour', () => {
    expect(readPngHeader(color)).toMatchObject({ width: 192, height: 192 });
    const { pixels, channels } = decodePng(color);
    const corner = '#' + [...pixels.subarray(0, 3)].map((b) => b.toString(16).padStart(2, '0')).join('');
    expect(corner.toUpperCase()).toBe(manifest.accentColor.toUpperCase());
    expect(channels).toBe(3);
  });

  it('has a 32×32 outline icon: white on transparent', () => {
    expect(readPngHeader(outline)).toMatchObject({ width: 32, height: 32, bitDepth: 8, colorType: COLOR_TYPE_RGBA });
    const { pixels } = decodePng(outline);
    const alpha = (i: number): number => pixels[i * 4 + 3];
    expect([0, 31, 32 * 31, 32 * 32 - 1].map(alpha)).toEqual([0, 0, 0, 0]);
    const visible = Array.from({ length: 32 * 32 }, (_, i) => i).filter((i) => alpha(i) > 0);
    expect(visible.filter((i) => pixels[i * 4] + pixels[i * 4 + 1] + pixels[i * 4 + 2] !== 3 * 255)).toEqual([]);
    expect(visible.filter((i) => alpha(i) === 255).length).toBeGreaterThan(150);
  });

  it('are what scripts/makeIcons.ts draws', () => {
    const made = makeIcons();
    expect(made.color.equals(color)).toBe(true);
    expect(made.outline.equals(outline)).toBe(true);
  }, SLOW);
});

describe('scripts/package.ts', () => {
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'aa-package-')); });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a zip with manifest.json and both icons at the root, ids filled in', async () => {
    const outFile = join(dir, 'account-assistant.zip');
    await buildAppPackage({ manifestDir: MANIFEST_DIR, outFile, env: { MicrosoftAppId: APP_ID, BOT_DOMAIN: 'https://bot.fabrikam.nl/api/messages' }, version: '1.2.3' });
    const zip = await JSZip.loadAsync(readFileSync(outFile));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const packed = JSON.parse(await zip.file('manifest.json')!.async('string'));
    expect(packed).toMatchObject({ id: APP_ID, version: '1.2.3', bots: [{ botId: APP_ID }], webApplicationInfo: { id: APP_ID, resource: `api://botid-${APP_ID}` } });
    expect(packed.validDomains).toContain('bot.fabrikam.nl');
    expect(packed.validDomains).toContain('token.botframework.com');
    expect(validateManifest(packed)).toEqual([]);
    expect((await zip.file('outline.png')!.async('nodebuffer')).equals(readFileSync(join(MANIFEST_DIR, 'outline.png')))).toBe(true);
  }, SLOW);

  it('declares Teams single sign-on for the bot: webApplicationInfo api://botid-<app id>, the sign-in page\'s domain valid', () => {
    const filled = substituteIds(manifest as never, { MicrosoftAppId: APP_ID });
    expect(filled.webApplicationInfo).toEqual({ id: APP_ID, resource: `api://botid-${APP_ID}` });
    expect(filled.webApplicationInfo?.resource).toBe(ssoResource(APP_ID));
    expect(filled.validDomains).toEqual(['token.botframework.com']);
    expect(validateManifest(filled)).toEqual([]);
  }, SLOW);

  it.each([
    [{}, /^MicrosoftAppId is required/],
    [{ MicrosoftAppId: 'my-bot' }, /^MicrosoftAppId must be a GUID \(got 'my-bot'\)$/],
    [{ MicrosoftAppId: '00000000-0000-0000-0000-000000000000' }, /all-zero placeholder/],
    [{ MicrosoftAppId: APP_ID, BOT_DOMAIN: 'not a host' }, /^BOT_DOMAIN must be a host name/],
  ])('refuses %j with one clear line', async (env, message) => {
    const attempt = buildAppPackage({ manifestDir: MANIFEST_DIR, outFile: join(dir, 'never.zip'), env });
    await expect(attempt).rejects.toThrow(PackageError);
    await expect(attempt).rejects.toThrow(message);
  });
});
