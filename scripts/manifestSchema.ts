import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';

/*
 * Validates a Teams app manifest offline against the official JSON schema that ships in
 * @microsoft/app-manifest (build/json-schemas/teams/v<version>/MicrosoftTeams.schema.json).
 * Those schemas are JSON Schema draft-04 with only local $refs, so ajv-draft-04 compiles them as they are
 * (the same class @microsoft/app-manifest uses itself).
 */

const SCHEMAS_DIR = join(dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams');
const compiled = new Map<string, ValidateFunction>();

/** Manifest versions with a bundled schema, oldest first, without devPreview (e.g. ['1.0', …, '1.30']). */
export function bundledManifestVersions(): string[] {
  const numeric = (v: string): number[] => v.split('.').map(Number);
  return readdirSync(SCHEMAS_DIR)
    .filter((d) => /^v\d+\.\d+$/.test(d))
    .map((d) => d.slice(1))
    .sort((a, b) => numeric(a)[0] - numeric(b)[0] || numeric(a)[1] - numeric(b)[1]);
}

/** The public URL a manifest of this version names in `$schema`. */
export function manifestSchemaUrl(version: string): string {
  return `https://developer.microsoft.com/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`;
}

function validatorFor(version: string): ValidateFunction {
  let validate = compiled.get(version);
  if (!validate) {
    if (!bundledManifestVersions().includes(version)) {
      throw new Error(`no bundled Teams manifest schema for manifestVersion '${version}' (have ${bundledManifestVersions().join(', ')})`);
    }
    const schema = JSON.parse(readFileSync(join(SCHEMAS_DIR, `v${version}`, 'MicrosoftTeams.schema.json'), 'utf8')) as object;
    // The schema is large (~130 kB): not inlining refs, not optimizing the generated code and not checking
    // the official schema against the meta-schema cut compile time about fivefold.
    const ajv = new Ajv04({ allErrors: true, strictTypes: false, inlineRefs: false, validateSchema: false, code: { optimize: false } });
    addFormats(ajv, ['uri', 'email', 'regex']);
    validate = ajv.compile(schema);
    compiled.set(version, validate);
  }
  return validate;
}

/**
 * Problems of a manifest against the schema of its own `manifestVersion`, one line each
 * (e.g. "/bots/0/botId must match pattern …"); empty when it is valid.
 */
export function validateManifest(manifest: unknown): string[] {
  const version = (manifest as { manifestVersion?: unknown } | null)?.manifestVersion;
  if (typeof version !== 'string') return ['/manifestVersion is missing'];
  const validate = validatorFor(version);
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map((e) => {
    const extra = e.keyword === 'additionalProperties' ? ` ('${String(e.params.additionalProperty)}')` : '';
    return `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${extra}`;
  });
}
