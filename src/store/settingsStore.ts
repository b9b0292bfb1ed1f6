import type { Json } from './json';

/** Small operational settings set at run time (e.g. the approvals channel), as JSON under a key. */
export interface SettingsStore {
  /** `undefined` when the key was never set. */
  get(key: string): Promise<Json | undefined>;
  set(key: string, value: Json): Promise<void>;
}
