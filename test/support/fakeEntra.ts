import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Entra's token endpoint for the on-behalf-of grant, over HTTPS (MSAL and @azure/identity accept no other authority)
 * with a certificate made for this run: `authorityHost` points here, its CA goes in `tlsOptions`.
 */
export class FakeEntra {
  readonly grants: { grantType: string; assertion: string; clientId: string; scope: string }[] = [];
  /** Assertions refused as Entra refuses a user who has not consented (AADSTS65001). */
  readonly refuse = new Set<string>();
  readonly issued: string[] = [];
  private server?: Server;
  url = '';
  constructor(readonly cert: string, private readonly key: string) {}

  async start(): Promise<this> {
    this.server = createServer({ cert: this.cert, key: this.key }, (req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const send = (status: number, value: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(value));
        };
        const path = new URL(req.url ?? '/', this.url).pathname;
        const tenant = path.split('/')[1];
        if (req.method === 'GET' && path.endsWith('/.well-known/openid-configuration')) {
          return send(200, {
            issuer: `${this.url}/${tenant}/v2.0`,
            authorization_endpoint: `${this.url}/${tenant}/oauth2/v2.0/authorize`,
            token_endpoint: `${this.url}/${tenant}/oauth2/v2.0/token`,
            end_session_endpoint: `${this.url}/${tenant}/oauth2/v2.0/logout`,
            jwks_uri: `${this.url}/${tenant}/discovery/v2.0/keys`,
            response_types_supported: ['code', 'id_token', 'token'],
          });
        }
        if (req.method === 'POST' && path.endsWith('/oauth2/v2.0/token')) {
          const form = new URLSearchParams(body);
          const grant = { grantType: form.get('grant_type') ?? '', assertion: form.get('assertion') ?? '', clientId: form.get('client_id') ?? '', scope: form.get('scope') ?? '' };
          this.grants.push(grant);
          if (this.refuse.has(grant.assertion)) {
            return send(400, { error: 'invalid_grant', error_description: 'AADSTS65001: The user or administrator has not consented to use the application.', error_codes: [65001] });
          }
          const token = `graph-token-${grant.assertion.slice(-10)}-${this.issued.length}`;
          this.issued.push(token);
          return send(200, { token_type: 'Bearer', scope: 'https://graph.microsoft.com/.default', expires_in: 3600, ext_expires_in: 3600, access_token: token });
        }
        send(404, { error: 'not_found' });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `https://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

/** A self-signed certificate for 127.0.0.1, made with openssl for this run only. */
export function localCertificate(): { cert: string; key: string } {
  const dir = mkdtempSync(join(tmpdir(), 'aa-entra-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    return { cert: readFileSync(join(dir, 'cert.pem'), 'utf8'), key: readFileSync(join(dir, 'key.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
