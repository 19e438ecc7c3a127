import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const CALLBACK_PATH = '/callback';

/** What became of a callback: it finished the pending authorization, or it was refused. */
export type CallbackVerdict = 'accepted' | 'foreign' | 'used';

/** Escape text for an HTML page; callback parameters come from the network. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** Compare two secrets without leaking, through timing, how much of them matched. */
function sameSecret(a: string, b: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(a), digest(b));
}

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  connection: 'close',
};

/** Answer with a small page; `title` and `body` must already be HTML (escaped). */
function sendPage(response: ServerResponse, status: number, title: string, body: string): void {
  response
    .writeHead(status, PAGE_HEADERS)
    .end(
      `<!doctype html><meta charset="utf-8"><title>${title}</title>` +
        `<body style="font-family:sans-serif"><h1>${title}</h1><p>${body}</p>`,
    );
}

const BACK_TO_TERMINAL = 'You can close this tab and return to the terminal.';

/**
 * A one-purpose HTTP listener on 127.0.0.1 that receives the authorization server's
 * redirect. It answers only `GET /callback` addressed to itself (a `Host` check against DNS
 * rebinding), and only the callback carrying the `state` of the authorization this process
 * started finishes the login; each such callback is accepted once.
 */
export class LoopbackCallback {
  private readonly server: Server;
  private readonly port: number;
  /** The `state` of the authorization waiting for its callback. */
  private expected: string | undefined;
  /** The states whose callback already arrived. */
  private readonly used: string[] = [];
  private waiter: ((params: URLSearchParams) => void) | undefined;
  private received: URLSearchParams | undefined;

  private constructor(server: Server) {
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    server.on('request', (request, response) => this.answer(request, response));
  }

  /** Listen on 127.0.0.1:`port` (0: any free port); a busy fixed port falls back to any. */
  static async start(port = 0): Promise<LoopbackCallback> {
    const listen = (p: number) =>
      new Promise<Server>((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(p, '127.0.0.1', () => resolve(server));
      });
    let server: Server;
    try {
      server = await listen(port);
    } catch (error) {
      if (port === 0) throw error;
      server = await listen(0);
    }
    server.unref();
    return new LoopbackCallback(server);
  }

  /** The redirect URI to register and send: `http://127.0.0.1:<port>/callback`. */
  get redirectUrl(): string {
    return `http://127.0.0.1:${this.port}${CALLBACK_PATH}`;
  }

  /** An authorization with this `state` has started: from now on only its callback counts. */
  expect(state: string): void {
    this.expected = state;
    this.received = undefined;
  }

  /**
   * Hand over callback parameters (the HTTP handler, and the headless flow). Only the
   * pending authorization's `state` is accepted, once; anything else is left out and the
   * login goes on waiting.
   */
  deliver(params: URLSearchParams): CallbackVerdict {
    const state = params.get('state') ?? '';
    const expected = this.expected;
    if (expected && sameSecret(state, expected)) {
      this.expected = undefined;
      this.used.push(expected);
    } else {
      const reused = this.used.some((used) => sameSecret(state, used));
      return reused || (expected === undefined && this.used.length > 0) ? 'used' : 'foreign';
    }
    if (this.waiter) {
      const waiter = this.waiter;
      this.waiter = undefined;
      waiter(params);
    } else {
      this.received = params;
    }
    return 'accepted';
  }

  /** The next accepted callback's parameters; rejects after `timeoutMs` or when `signal` aborts. */
  next(timeoutMs: number, signal?: AbortSignal): Promise<URLSearchParams> {
    if (this.received) {
      const params = this.received;
      this.received = undefined;
      return Promise.resolve(params);
    }
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.waiter = undefined;
      };
      const onAbort = () => {
        done();
        reject(new Error('interrupted while waiting for the authorization'));
      };
      const timer = setTimeout(() => {
        done();
        reject(new CallbackTimeoutError(timeoutMs));
      }, timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiter = (params) => {
        done();
        resolve(params);
      };
    });
  }

  /** Stop listening. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  private answer(request: IncomingMessage, response: ServerResponse): void {
    // A page of another site that a rebound DNS name points here sends its own host name.
    const host = request.headers.host?.toLowerCase();
    if (host !== `127.0.0.1:${this.port}` && host !== `localhost:${this.port}`) {
      sendPage(
        response,
        host === undefined ? 400 : 421,
        'Wrong address',
        `mcp-inspect answers only at ${escapeHtml(this.redirectUrl)}.`,
      );
      return;
    }
    const url = URL.canParse(request.url ?? '', this.redirectUrl)
      ? new URL(request.url ?? '', this.redirectUrl)
      : undefined;
    if (request.method !== 'GET' || url?.pathname !== CALLBACK_PATH) {
      response.writeHead(404, { 'content-type': 'text/plain', connection: 'close' });
      response.end('Not Found\n');
      return;
    }
    const params = url.searchParams;
    const verdict = this.deliver(params);
    if (verdict === 'foreign') {
      sendPage(
        response,
        400,
        'This authorization was not started here',
        'mcp-inspect did not start this authorization, so it was ignored. ' +
          'To sign in, open the link printed in your terminal.',
      );
    } else if (verdict === 'used') {
      sendPage(
        response,
        400,
        'This authorization link was already used',
        `mcp-inspect has already received this authorization. ${BACK_TO_TERMINAL}`,
      );
    } else if (params.has('code') && !params.has('error')) {
      sendPage(response, 200, 'mcp-inspect is authorized', BACK_TO_TERMINAL);
    } else {
      const error = params.get('error') ?? 'no authorization code';
      const description = params.get('error_description');
      sendPage(
        response,
        400,
        'Authorization did not complete',
        `The authorization server answered <code>${escapeHtml(error)}</code>` +
          `${description ? `: ${escapeHtml(description)}` : ''}. ${BACK_TO_TERMINAL}`,
      );
    }
  }
}

/** Nobody came back to the loopback listener in time. */
export class CallbackTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no authorization arrived within ${Math.round(timeoutMs / 1000)} s`);
    this.name = 'CallbackTimeoutError';
  }
}

/**
 * The headless flow: fetch the authorization URL without a browser and follow its redirects
 * (at most `maxHops`) until one points at `redirectUrl`; return that redirect's query. Works
 * with authorization servers that approve without a person (test servers, CI).
 */
export async function followAuthorization(
  authorizationUrl: URL,
  redirectUrl: string,
  fetchFn: typeof fetch = fetch,
  maxHops = 8,
): Promise<URLSearchParams> {
  const target = new URL(redirectUrl);
  let url = authorizationUrl;
  for (let hop = 0; hop < maxHops; hop++) {
    const response = await fetchFn(url, { redirect: 'manual' });
    // Only the status and Location matter; never wait on the body.
    void response.body?.cancel().catch(() => undefined);
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) {
      throw new Error(
        `the authorization endpoint answered HTTP ${response.status} instead of redirecting back; it needs a person (run without --oauth-headless)`,
      );
    }
    const next = new URL(location, url);
    if (next.origin === target.origin && next.pathname === target.pathname)
      return next.searchParams;
    url = next;
  }
  throw new Error(`the authorization endpoint redirected more than ${maxHops} times`);
}

/** Runs a program detached, ignoring its output and failures. */
export type Launcher = (command: string, args: string[]) => void;

/**
 * Ask the desktop to open `url` in a browser: `open` (macOS), `rundll32
 * url.dll,FileProtocolHandler` (Windows), `xdg-open` (elsewhere), or `$BROWSER` when set;
 * `BROWSER=none` opens nothing. No shell ever sees the URL, and only http(s) URLs are
 * opened: the URL comes from the server's metadata. Returns whether a launch was attempted;
 * failures are ignored, as the URL is printed as well.
 */
export function openBrowser(
  url: string,
  {
    platform,
    env,
    launch,
  }: { platform: NodeJS.Platform; env: NodeJS.ProcessEnv; launch: Launcher },
): boolean {
  if (env.BROWSER === 'none') return false;
  if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) return false;
  if (env.BROWSER) launch(env.BROWSER, [url]);
  // What Go's pkg/browser does: no `cmd /c start`, whose parsing of & | ^ % a URL could abuse.
  else if (platform === 'win32') launch('rundll32', ['url.dll,FileProtocolHandler', url]);
  else if (platform === 'darwin') launch('open', [url]);
  else launch('xdg-open', [url]);
  return true;
}
