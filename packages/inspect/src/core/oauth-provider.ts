import { randomBytes } from 'node:crypto';
import {
  AuthorizationServerMismatchError,
  createPrivateKeyJwtAuth,
  type AddClientAuthentication,
  type OAuthClientInformationContext,
  type OAuthClientMetadata,
  type OAuthClientProvider,
  type OAuthDiscoveryState,
  type StoredOAuthClientInformation,
  type StoredOAuthTokens,
} from '@modelcontextprotocol/client';
import type { OAuthRecord, OAuthStore } from './oauth-store.js';

/** How mcp-inspect identifies itself to the authorization server. */
export interface OAuthClientSettings {
  grant: 'authorization_code' | 'client_credentials';
  /** A pre-registered client; without it the client registers itself (CIMD or DCR). */
  clientId?: string;
  clientSecret?: string;
  /** An https URL of a Client ID Metadata Document, used when the server supports it. */
  clientMetadataUrl?: string;
  /** PEM private key for `private_key_jwt` client authentication, and its algorithm. */
  privateKey?: string;
  privateKeyAlg?: string;
  /** Scope to ask for; otherwise the SDK picks from the challenge or the metadata. */
  scope?: string;
}

/** What the provider needs from its surroundings. */
export interface OAuthProviderOptions {
  settings: OAuthClientSettings;
  store: OAuthStore;
  /** The record loaded from `store`. */
  record: OAuthRecord;
  /** The loopback redirect URL (authorization_code only). */
  redirectUrl?: string;
  clientName: string;
  /** Called when the SDK wants the person (or the headless flow) to visit the URL. */
  onAuthorizationUrl: (url: URL, state: string) => Promise<void>;
}

/**
 * The SDK's {@link OAuthClientProvider} for mcp-inspect: authorization code with PKCE
 * (pre-registered, CIMD or dynamically registered client) or client credentials (secret or
 * `private_key_jwt`). Tokens and a dynamic registration persist in the {@link OAuthStore};
 * the PKCE verifier, `state` and discovery state live only as long as the process.
 *
 * Stored credentials carry the `issuer` of the authorization server they belong to (the
 * SDK's SEP-2352 stamp), a pre-registered client included: it is bound to the first
 * authorization server it is used with and never presented to another.
 */
export class InspectOAuthProvider implements OAuthClientProvider {
  readonly clientMetadataUrl: string | undefined;
  readonly addClientAuthentication: AddClientAuthentication | undefined;
  private readonly options: OAuthProviderOptions;
  private record: OAuthRecord;
  private verifier: string | undefined;
  /** Discovery results of this process, so the callback leg is checked against them. */
  private discovery: OAuthDiscoveryState | undefined;
  private lastState: string | undefined;
  private readonly seen = new Set<string>();

  constructor(options: OAuthProviderOptions) {
    this.options = options;
    const { settings, record } = options;
    this.record = { ...record };
    // Cached tokens of another client (the --oauth-client-id changed) are of no use.
    if (settings.clientId && record.tokensClientId && record.tokensClientId !== settings.clientId)
      this.record.tokens = undefined;
    // A dynamic registration is tied to its redirect URI (a pre-registered client's binding is not).
    if (
      record.redirectUrl !== options.redirectUrl &&
      record.client?.client_id !== settings.clientId
    )
      this.record.client = undefined;
    this.clientMetadataUrl = settings.clientId ? undefined : settings.clientMetadataUrl;
    this.addClientAuthentication =
      settings.privateKey && settings.clientId
        ? createPrivateKeyJwtAuth({
            issuer: settings.clientId,
            subject: settings.clientId,
            privateKey: settings.privateKey,
            alg: settings.privateKeyAlg ?? 'RS256',
          })
        : undefined;
    for (const secret of [settings.clientSecret, record.tokens?.access_token])
      this.remember(secret);
    this.remember(record.tokens?.refresh_token);
  }

  get redirectUrl(): string | undefined {
    return this.options.settings.grant === 'authorization_code'
      ? this.options.redirectUrl
      : undefined;
  }

  get clientMetadata(): OAuthClientMetadata {
    const { settings } = this.options;
    const authMethod = settings.privateKey
      ? 'private_key_jwt'
      : settings.clientSecret
        ? 'client_secret_basic'
        : 'none';
    if (settings.grant === 'client_credentials') {
      return {
        client_name: this.options.clientName,
        redirect_uris: [],
        grant_types: ['client_credentials'],
        token_endpoint_auth_method: authMethod,
        scope: settings.scope,
      };
    }
    return {
      client_name: this.options.clientName,
      redirect_uris: this.options.redirectUrl ? [this.options.redirectUrl] : [],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: authMethod,
      scope: settings.scope,
    };
  }

  state(): string {
    this.lastState = randomBytes(16).toString('base64url');
    return this.lastState;
  }

  async clientInformation(
    ctx?: OAuthClientInformationContext,
  ): Promise<StoredOAuthClientInformation | undefined> {
    const { clientId, clientSecret } = this.options.settings;
    if (!clientId) return this.stamped('client', ctx);
    // The client's secret is given on every run; the record keeps only its id and issuer.
    const bound = this.record.client?.client_id === clientId ? this.record.client : undefined;
    if (bound?.issuer === undefined && ctx) {
      this.record.client = { client_id: clientId, issuer: ctx.issuer };
      await this.persist();
    } else if (bound?.issuer !== undefined && ctx && !sameIssuer(bound.issuer, ctx.issuer)) {
      const error = new AuthorizationServerMismatchError(bound.issuer, ctx.issuer);
      error.message +=
        '. If the server really moved to another authorization server, run mcp-inspect logout for it and authorize again';
      throw error;
    }
    return {
      client_id: clientId,
      client_secret: clientSecret,
      issuer: this.record.client?.client_id === clientId ? this.record.client.issuer : undefined,
    };
  }

  async saveClientInformation(client: StoredOAuthClientInformation): Promise<void> {
    this.remember(client.client_secret);
    const { clientId } = this.options.settings;
    // A pre-registered client's secret is given on every run and never stored.
    this.record.client = clientId ? { client_id: clientId, issuer: client.issuer } : client;
    await this.persist();
  }

  tokens(ctx?: OAuthClientInformationContext): Promise<StoredOAuthTokens | undefined> {
    return this.stamped('tokens', ctx);
  }

  async saveTokens(tokens: StoredOAuthTokens): Promise<void> {
    this.remember(tokens.access_token);
    this.remember(tokens.refresh_token);
    this.record.tokens = tokens;
    this.record.tokensClientId = (await this.clientInformation())?.client_id;
    await this.persist();
  }

  saveDiscoveryState(state: OAuthDiscoveryState): void {
    this.discovery = state;
  }

  discoveryState(): OAuthDiscoveryState | undefined {
    return this.discovery;
  }

  async redirectToAuthorization(authorizationUrl: URL): Promise<void> {
    await this.options.onAuthorizationUrl(
      authorizationUrl,
      authorizationUrl.searchParams.get('state') ?? this.lastState ?? '',
    );
  }

  saveCodeVerifier(codeVerifier: string): void {
    this.remember(codeVerifier);
    this.verifier = codeVerifier;
  }

  codeVerifier(): string {
    if (!this.verifier) throw new Error('no authorization is in progress (PKCE verifier missing)');
    return this.verifier;
  }

  prepareTokenRequest(scope?: string): URLSearchParams | undefined {
    if (this.options.settings.grant !== 'client_credentials') return undefined;
    const params = new URLSearchParams({ grant_type: 'client_credentials' });
    if (scope) params.set('scope', scope);
    return params;
  }

  async invalidateCredentials(
    scope: 'all' | 'client' | 'tokens' | 'verifier' | 'discovery',
  ): Promise<void> {
    if (scope === 'all' || scope === 'tokens') this.record.tokens = undefined;
    if (scope === 'all' || scope === 'client') this.record.client = undefined;
    if (scope === 'all' || scope === 'verifier') this.verifier = undefined;
    if (scope === 'all' || scope === 'discovery') this.discovery = undefined;
    await this.persist();
  }

  /** Every secret this provider has handled, for redacting messages. */
  secrets(): Iterable<string> {
    return this.seen;
  }

  /** Note a secret so that it is never printed; also used for authorization codes. */
  remember(secret: string | undefined): void {
    if (secret) this.seen.add(secret);
  }

  /**
   * A stored registration or token set. One cached before credentials carried their issuer
   * is bound to the authorization server now in use, as the SDK would do on first use.
   */
  private async stamped<K extends 'client' | 'tokens'>(
    key: K,
    ctx: OAuthClientInformationContext | undefined,
  ): Promise<OAuthRecord[K]> {
    const value = this.record[key];
    if (value && value.issuer === undefined && ctx) {
      this.record[key] = { ...value, issuer: ctx.issuer };
      await this.persist();
    }
    return this.record[key];
  }

  private persist(): Promise<void> {
    return this.options.store.save({ ...this.record, redirectUrl: this.options.redirectUrl });
  }
}

/** The SDK's issuer comparison: the same but for one trailing slash. */
function sameIssuer(a: string, b: string): boolean {
  return a.replace(/\/$/, '') === b.replace(/\/$/, '');
}
