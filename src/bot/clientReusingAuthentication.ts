import type { Activity } from 'botbuilder';
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { AuthenticateRequestResult, ClaimsIdentity, ConnectorFactory, UserTokenClient } from 'botframework-connector';
import { appIdOf, ConnectorClients } from './connectorClients';

/** botbuilder's authentication, handing out Bot Framework clients that are reused across turns (see ConnectorClients). */
export class ClientReusingAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly clients = new ConnectorClients();

  override createConnectorFactory(identity: ClaimsIdentity): ConnectorFactory {
    return this.clients.connectorFactory(appIdOf(identity), super.createConnectorFactory(identity));
  }

  override createUserTokenClient(identity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.clients.userTokenClient(appIdOf(identity), () => super.createUserTokenClient(identity));
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    const factory = result.connectorFactory;
    return factory ? { ...result, connectorFactory: this.clients.connectorFactory(appIdOf(result.claimsIdentity), factory) } : result;
  }
}
