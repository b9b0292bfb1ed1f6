import type { GraphTransport } from './graphTransport';
import { readListsSettled, valuesOrFirstError } from './listsTogether';

interface Waiting {
  paths: readonly string[];
  resolve: (lists: unknown[][]) => void;
  reject: (error: unknown) => void;
}

/**
 * List reads started in the same moment share one `$batch`. Apply reads the caller's roles and the target's at
 * once (`Promise.all`), each person three lists: without this, two batches; with it, one. It also joins the second
 * round of both, the role assignments of their role-assignable groups.
 *
 * "The same moment" is the synchronous run that starts them: the batch goes out at the next microtask, so nothing
 * waits for a timer, and reads started later go in the next batch. Each reader gets its own lists or its own first
 * error, with readListsSettled's guarantees (throttled or failed items read again on their own, a refused item an
 * error, never a shorter list): one reader's refusal never fails another's. A path asked twice is read once.
 */
export class CoalescedListReads {
  private waiting: Waiting[] = [];

  constructor(private readonly graph: GraphTransport) {}

  read<T>(paths: readonly string[]): Promise<T[][]> {
    if (paths.length === 0) return Promise.resolve([]);
    return new Promise<T[][]>((resolve, reject) => {
      if (this.waiting.length === 0) queueMicrotask(() => void this.flush());
      this.waiting.push({ paths, resolve: resolve as (lists: unknown[][]) => void, reject });
    });
  }

  private async flush(): Promise<void> {
    const readers = this.waiting;
    this.waiting = [];
    const unique = [...new Set(readers.flatMap((r) => r.paths))];
    const outcomes = new Map<string, PromiseSettledResult<unknown[]>>();
    try {
      (await readListsSettled<unknown>(this.graph, unique)).forEach((outcome, i) => outcomes.set(unique[i], outcome));
    } catch (e) {
      // Not expected (readListsSettled settles every list), but a reader left waiting would hang its turn.
      for (const reader of readers) reader.reject(e);
      return;
    }
    for (const reader of readers) {
      try {
        reader.resolve(valuesOrFirstError(reader.paths.map((path) => outcomes.get(path)!)));
      } catch (e) {
        reader.reject(e);
      }
    }
  }
}
