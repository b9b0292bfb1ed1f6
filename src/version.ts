import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The package version, read once; works from src/ (tsx) and dist/src/ (compiled) alike. */
function readVersion(): string {
  for (const up of ['..', '../..']) {
    try {
      return JSON.parse(readFileSync(join(__dirname, up, 'package.json'), 'utf8')).version as string;
    } catch {
      // try the next level up
    }
  }
  return '0.0.0';
}

export const version = readVersion();
