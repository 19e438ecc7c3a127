import { ConnectError, type FinishAuth } from '@mcpkit/shared/connection';
import { redactKnownSecrets } from '@mcpkit/shared/mask';
import { sanitizeLine } from '@mcpkit/shared/sanitize';
import { UnauthorizedError } from '@modelcontextprotocol/client';
import { EXIT, InspectError } from './errors.js';
import {
  CallbackTimeoutError,
  followAuthorization,
  LoopbackCallback,
  openBrowser,
  type Launcher,
} from './oauth-callback.js';
import { InspectOAuthProvider, type OAuthClientSettings } from './oauth-provider.js';
import { OAuthStore, type OAuthRecord } from './oauth-store.js';

/** How many times one command may send the person (or the headless flow) to authorize. */
export const MAX_AUTHORIZATIONS = 3;

/** Everything an {@link OAuthSession} needs from the outside. */
export interface OAuthSessionOptions {
  serverUrl: string;
  settings: OAuthClientSettings;
  homedir: string;
  /** Fetch the authorization URL and follow its redirects instead of asking a person. */
  headless: boolean;
  /** How long to wait for the person to come back from the browser, in milliseconds. */
  callbackTimeoutMs: number;
  /** A fixed loopback port for the redirect URI (pre-registered clients need one). */
  redirectPort?: number;
  clientName: string;
  /** Messages for the person (the authorization URL). */
  stderr: (text: string) => void;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  launch: Launcher;
  fetch?: typeof fetch;
}

/**
 * One command's OAuth: the provider the SDK transport drives, the loopback listener the
 * browser comes back to, and the loop that finishes an authorization and tries again.
 */
export class OAuthSession {
  readonly provider: InspectOAuthProvider;
  private readonly options: OAuthSessionOptions;
  private readonly loopback: LoopbackCallback | undefined;
  /** The provider started an authorization that nobody finished yet. */
  private pending = false;
  /** Authorizations started by this command. */
  private started = 0;

  private constructor(
    options: OAuthSessionOptions,
    store: OAuthStore,
    record: OAuthRecord,
    loopback?: LoopbackCallback,
  ) {
    this.options = options;
    this.loopback = loopback;
    this.provider = new InspectOAuthProvider({
      settings: options.settings,
      store,
      record,
      redirectUrl: loopback?.redirectUrl,
      clientName: options.clientName,
      onAuthorizationUrl: (url, state) => this.authorizationStarted(url, state),
    });
  }

  /** Load the cache and, for the authorization code grant, start the loopback listener. */
  static async start(options: OAuthSessionOptions): Promise<OAuthSession> {
    const store = new OAuthStore(options.serverUrl, { homedir: options.homedir });
    const record = await store.load();
    let loopback: LoopbackCallback | undefined;
    if (options.settings.grant === 'authorization_code') {
      // Reuse the last port so a dynamically registered client's redirect URI still matches.
      const lastPort = record.redirectUrl ? Number(new URL(record.redirectUrl).port) : 0;
      loopback = await LoopbackCallback.start(options.redirectPort ?? lastPort);
    }
    return new OAuthSession(options, store, record, loopback);
  }

  /**
   * Run `attempt`; when it fails because the server wants an authorization that the
   * provider has started, wait for the callback, let `finisherOf(error)` exchange the code,
   * and run `attempt` again, at most {@link MAX_AUTHORIZATIONS} times.
   */
  async run<T>(
    attempt: () => Promise<T>,
    finisherOf: (error: unknown) => FinishAuth | undefined,
    signal?: AbortSignal,
  ): Promise<T> {
    for (let round = 1; ; round++) {
      try {
        return await attempt();
      } catch (error) {
        const finish = this.pending ? finisherOf(error) : undefined;
        if (!finish) throw error;
        if (round > MAX_AUTHORIZATIONS)
          throw new InspectError(
            EXIT.connection,
            `The server still refuses after ${MAX_AUTHORIZATIONS} authorizations.`,
            'The granted scope may not cover the request; check the account and the server.',
          );
        await this.finish(finish, signal);
      }
    }
  }

  /** `text` with every token, secret and code this session handled replaced by `••••`. */
  redact(text: string): string {
    return redactKnownSecrets(text, this.provider.secrets());
  }

  /** Stop the loopback listener. */
  async close(): Promise<void> {
    await this.loopback?.close();
  }

  private async authorizationStarted(url: URL, state: string): Promise<void> {
    const { options, loopback } = this;
    if (!loopback) throw new Error('this grant does not use a browser');
    this.pending = true;
    // Only the callback of this authorization may finish it.
    loopback.expect(state);
    // Past the limit, neither bother the person nor the server again; run() gives up.
    if (++this.started > MAX_AUTHORIZATIONS) return;
    if (options.headless) {
      const verdict = loopback.deliver(
        await followAuthorization(url, loopback.redirectUrl, options.fetch),
      );
      if (verdict !== 'accepted')
        throw new Error(
          'the authorization server redirected back without the state of this authorization',
        );
      return;
    }
    options.stderr(
      `Authorize mcp-inspect in your browser (waiting up to ${Math.round(options.callbackTimeoutMs / 1000)} s):\n  ${url.href}\n`,
    );
    openBrowser(url.href, { platform: options.platform, env: options.env, launch: options.launch });
  }

  private async finish(finishAuth: FinishAuth, signal?: AbortSignal): Promise<void> {
    this.pending = false;
    let params: URLSearchParams;
    try {
      // The listener hands over only the callback that carries this authorization's state.
      params = await this.loopback!.next(this.options.callbackTimeoutMs, signal);
    } catch (error) {
      if (error instanceof CallbackTimeoutError)
        throw new InspectError(
          EXIT.timeout,
          `Authorization timed out: ${error.message}.`,
          'Open the URL printed above, or raise --oauth-timeout.',
        );
      throw error;
    }
    this.provider.remember(params.get('code') ?? undefined);
    if (params.get('error') || !params.get('code')) throw refusal(params);
    try {
      await finishAuth(params);
      // The discovery this authorization used has served (its callback leg is checked). A
      // later 401 must discover afresh, so that a server that moved to another
      // authorization server is followed there (SEP-2352).
      await this.provider.invalidateCredentials('discovery');
    } catch (error) {
      throw new InspectError(
        EXIT.connection,
        `Authorization failed: ${this.redact(error instanceof Error ? error.message : String(error))}`,
        undefined,
        { cause: error },
      );
    }
  }
}

/** What the person is told for the common `error` codes of an authorization response. */
const REFUSALS: Record<string, { message: string; hint?: string }> = {
  access_denied: {
    message: 'the authorization was declined',
    hint: 'Run the command again and approve the request, or check the account.',
  },
  invalid_scope: {
    message: 'the requested scope is not allowed',
    hint: 'Ask for another scope with --oauth-scope, or none.',
  },
  unauthorized_client: { message: 'this client may not ask for an authorization code' },
  invalid_request: { message: 'the authorization server found the request invalid' },
  server_error: { message: 'the authorization server failed', hint: 'Try again later.' },
  temporarily_unavailable: {
    message: 'the authorization server is busy',
    hint: 'Try again later.',
  },
};

/** The error of a callback that carried the right state but no code. */
function refusal(params: URLSearchParams): InspectError {
  // Both come from the network: printable ASCII for the code, one bounded line for the text.
  const code = (params.get('error') ?? '').replace(/[^\x21-\x7e]/g, '').slice(0, 64);
  const description = sanitizeLine(params.get('error_description') ?? '')
    .trim()
    .slice(0, 300);
  if (!code)
    return new InspectError(
      EXIT.connection,
      'The authorization server came back without an authorization code.',
    );
  const known = Object.hasOwn(REFUSALS, code) ? REFUSALS[code] : undefined;
  const said = description ? ` It said: "${description}".` : '';
  return new InspectError(
    EXIT.connection,
    `Authorization failed: ${known?.message ?? 'the authorization server refused'} (${code}).${said}`,
    known?.hint,
  );
}

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = error; e !== undefined && chain.length < 8; e = (e as Error).cause) {
    chain.push(e);
    if (!(e instanceof Error)) break;
  }
  return chain;
}

/**
 * How to finish the authorization a failure asks for: the failed connection's transport
 * (a {@link ConnectError} from connecting), else the open connection's when a request was
 * refused with {@link UnauthorizedError} (a 401 or a 403 step-up).
 */
export function authorizationFinisher(
  error: unknown,
  connected?: { finishAuth?: FinishAuth },
): FinishAuth | undefined {
  const chain = causes(error);
  const connectError = chain.find((e): e is ConnectError => e instanceof ConnectError);
  if (connectError) return connectError.finishAuth;
  return chain.some((e) => e instanceof UnauthorizedError) ? connected?.finishAuth : undefined;
}
