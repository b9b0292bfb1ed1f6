import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MUTATIONS } from '../../scripts/attackMutationList';

/** Every mutation's text to find is in its file (exactly once): a refactor cannot turn a mutation into a no-op. */
describe('the attack suite\'s mutations', () => {
  const edits = MUTATIONS.flatMap((m) => m.edits.map((e) => [m.threat, e.file, e.find] as const));
  it.each(edits)('%s: %s still holds the text it removes', (_threat, file, find) => {
    const text = readFileSync(join(__dirname, '..', '..', file), 'utf8');
    expect(text.split(find).length - 1).toBeGreaterThanOrEqual(1);
  });
});
