import { ClientCertificateCredential, ClientSecretCredential, ManagedIdentityCredential } from '@azure/identity';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import type { GraphCredentialConfig } from '../../config';

/** The emulator accepts any bearer token; this one makes the Authorization header visible in its log. */
class DevelopmentCredential implements TokenCredential {
  async getToken(): Promise<AccessToken> {
    return { token: 'development-token', expiresOnTimestamp: Date.now() + 3_600_000 };
  }
}

/** The app's own identity towards Graph, chosen by configuration. */
export function createCredential(config: GraphCredentialConfig): TokenCredential {
  switch (config.kind) {
    case 'clientSecret':
      return new ClientSecretCredential(config.tenantId, config.clientId, config.clientSecret);
    case 'certificate':
      return new ClientCertificateCredential(config.tenantId, config.clientId, { certificatePath: config.certificatePath });
    case 'managedIdentity':
      return config.clientId ? new ManagedIdentityCredential({ clientId: config.clientId }) : new ManagedIdentityCredential();
    case 'development':
      return new DevelopmentCredential();
  }
}
