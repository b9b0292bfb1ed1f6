import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseTenantFixture, TenantFixtureError, type TenantFixture, type TenantFixtureInput } from './tenantFixture';

/*
 * The emulator's tenant kept on disk, so that `npm run dev` restarts with the tenant the bot's history describes
 * (the history lives in the bot's store in the same DATA_DIR). The file holds a tenant file, wrapped with where it
 * came from; when the tenant's dates are relative it carries `asOf` (the moment it was saved) and is moved to the
 * present at load like any such file: the tenant stands still while the emulator is off.
 * Writes are debounced after changes and flushed at close; each write goes to a temporary file that is fsynced
 * and renamed over the old one, so a crash leaves the previous state or the new one, never half a file.
 */

/** What the tenant was loaded from: the state file belongs to that tenant file, at that content. */
export interface TenantSource {
  /** The tenant file's path, or a label for a tenant given as an object. */
  path: string;
  /** sha256 of the tenant file's text (or JSON): tells a file edited since the state was saved. */
  sha256: string;
}

interface SavedTenant {
  savedBy: 'graph-emulator';
  savedAt: string;
  source: TenantSource;
  tenant: TenantFixtureInput;
}

/** A state file read back. */
export interface RestoredTenant {
  tenant: TenantFixture;
  savedAt: string;
  /** The tenant file has changed since the state was saved (the saved state is used all the same). */
  tenantFileChanged: boolean;
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export class TenantStateFile {
  private timer: NodeJS.Timeout | undefined;
  private pending: (() => TenantFixtureInput) | undefined;

  constructor(
    readonly path: string,
    private readonly source: TenantSource,
    private readonly debounceMs = 500,
    /** A save that failed in the background (a full disk): said, not thrown into a timer. */
    private readonly onSaveError: (e: Error) => void = (e) => process.stderr.write(`Graph emulator: the tenant state could not be saved to ${path}: ${e.message}\n`),
  ) {}

  /**
   * The saved tenant; null when there is no file; the other tenant file's path when it was saved from another one
   * (a different TENANT_FIXTURE: its state is not this tenant's). Throws TenantFixtureError when it is damaged.
   */
  read(): RestoredTenant | { otherTenantFile: string } | null {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new TenantFixtureError(`Cannot read the emulator's tenant state ${this.path}: ${(e as Error).message}.`);
    }
    let saved: SavedTenant;
    try {
      saved = JSON.parse(text) as SavedTenant;
    } catch (e) {
      throw new TenantFixtureError(`The emulator's tenant state ${this.path} is not valid JSON (${(e as Error).message}): delete it to start from the tenant file.`);
    }
    if (saved?.source?.path !== this.source.path) return { otherTenantFile: String(saved?.source?.path) };
    return {
      tenant: parseTenantFixture(saved.tenant, `The emulator's tenant state ${this.path}`),
      savedAt: String(saved.savedAt),
      tenantFileChanged: saved.source.sha256 !== this.source.sha256,
    };
  }

  /** Saves the tenant `snapshot` gives, debounceMs after the last change (changes come in bursts: one Apply). */
  changed(snapshot: () => TenantFixtureInput): void {
    this.pending = snapshot;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      try {
        this.flush();
      } catch (e) {
        this.onSaveError(e as Error);
      }
    }, this.debounceMs);
    // A pending save never keeps a process alive: close() flushes it.
    this.timer.unref();
  }

  /** Writes a pending change now, if there is one. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const snapshot = this.pending;
    this.pending = undefined;
    if (snapshot) this.write(snapshot());
  }

  private write(tenant: TenantFixtureInput): void {
    const saved: SavedTenant = { savedBy: 'graph-emulator', savedAt: tenant.asOf ?? new Date().toISOString(), source: this.source, tenant };
    mkdirSync(dirname(this.path), { recursive: true });
    const temp = `${this.path}.${process.pid}.tmp`;
    try {
      const fd = openSync(temp, 'w');
      try {
        writeSync(fd, JSON.stringify(saved, null, 1));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, this.path);
    } catch (e) {
      rmSync(temp, { force: true });
      throw e;
    }
  }
}
