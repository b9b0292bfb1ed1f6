import { AuthenticationConstants, type ClaimsIdentity, type ConnectorFactory, type UserTokenClient } from 'botframework-connector';

/**
 * The app id botbuilder builds a turn's clients for: the audience of the inbound token (the emulator's tokens
 * carry it as `appid`), or none when authentication is off, as in development.
 */
export function appIdOf(identity: ClaimsIdentity): string {
  return identity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? identity.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';
}

/**
 * The bot's Bot Framework clients, built once and reused across turns.
 *
 * Why: botbuilder's CloudAdapter builds a ConnectorClient and a UserTokenClient, each with its whole HTTP
 * pipeline, for every turn. That is about 90 µs of CPU, more than a tenth of an echo bot's whole turn
 * (`npm run bench:profile`). A client keeps no state of a turn; its credentials get and renew their own tokens,
 * so a client outlives any one token. (botbuilder's older BotFrameworkAdapter kept its connector clients too.)
 *
 * Bounded: service URLs come from activities, and in development nothing vouches for them.
 */
export class ConnectorClients {
  private readonly clients = new Map<string, Promise<unknown>>();

  constructor(private readonly max = 64) {}

  /** `inner`, with each client it makes kept for the next turn that needs the same one. */
  connectorFactory(appId: string, inner: ConnectorFactory): ConnectorFactory {
    // No audience means the factory's default, which is fixed for one authentication configuration.
    return { create: (serviceUrl, audience) => this.reuse(`connector\n${appId}\n${audience ?? ''}\n${serviceUrl}`, () => inner.create(serviceUrl, audience)) };
  }

  userTokenClient(appId: string, make: () => Promise<UserTokenClient>): Promise<UserTokenClient> {
    return this.reuse(`userToken\n${appId}`, make);
  }

  private reuse<T>(key: string, make: () => Promise<T>): Promise<T> {
    const known = this.clients.get(key) as Promise<T> | undefined;
    if (known) return known;
    if (this.clients.size >= this.max) this.clients.delete(this.clients.keys().next().value!);
    const made = make();
    this.clients.set(key, made);
    // A client that could not be built is not kept: the next turn tries again.
    made.catch(() => {
      if (this.clients.get(key) === made) this.clients.delete(key);
    });
    return made;
  }
}
