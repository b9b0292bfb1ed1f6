import type { Json } from './json';

/** Small operational settings set at run time (e.g. the approvals channel), as JSON under a key. */
export interface SettingsStore {
  /** `undefined` when the key was never set. */
  get(key: string): Promise<Json | undefined>;
  set(key: string, value: Json): Promise<void>;
  /**
   * Sets `key` only when it is unset (or set to null), in one statement: true for the one caller that did, across
   * instances (e.g. the welcome of a conversation, which Teams announces twice).
   */
  claim(key: string, value: Json): Promise<boolean>;
}
