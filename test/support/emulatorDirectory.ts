import { createCredential } from '../../src/directory/graph/credential';
import { createGraphClient } from '../../src/directory/graph/graphClient';
import { GraphDirectory } from '../../src/directory/graph/graphDirectory';
import { GraphTransport } from '../../src/directory/graph/graphTransport';

/** The bot's GraphDirectory over HTTP against an emulator, as the app builds it in development. */
export function emulatorDirectory(emulatorUrl: string): GraphDirectory {
  const client = createGraphClient({ baseUrl: emulatorUrl, credential: createCredential({ kind: 'development' }) });
  return new GraphDirectory(new GraphTransport(client), new URL(emulatorUrl).origin);
}
