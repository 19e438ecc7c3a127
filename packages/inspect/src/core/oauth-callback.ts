import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const CALLBACK_PATH = '/callback';

const PAGE = (title: string) =>
  `<!doctype html><meta charset="utf-8"><title>${title}</title>` +
  `<body style="font-family:sans-serif"><h1>${title}</h1><p>You can close this tab and return to the terminal.</p>`;

/**
 * A one-purpose HTTP listener on 127.0.0.1 that receives the authorization server's
 * redirect. It answers only `GET /callback` and hands its query to whoever waits.
 */
export class LoopbackCallback {
  private readonly server: Server;
  private waiter: ((params: URLSearchParams) => void) | undefined;
  private received: URLSearchParams | undefined;

  private constructor(server: Server) {
    this.server = server;
    server.on('request', (request, response) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      if (request.method !== 'GET' || url.pathname !== CALLBACK_PATH) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found\n');
        return;
      }
      const failed = url.searchParams.has('error') || !url.searchParams.has('code');
      response
        .writeHead(failed ? 400 : 200, { 'content-type': 'text/html; charset=utf-8' })
        .end(PAGE(failed ? 'Authorization did not complete' : 'mcp-inspect is authorized'));
      this.deliver(url.searchParams);
    });
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
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${CALLBACK_PATH}`;
  }

  /** Hand over callback parameters (also used by the headless flow). */
  deliver(params: URLSearchParams): void {
    if (this.waiter) {
      const waiter = this.waiter;
      this.waiter = undefined;
      waiter(params);
    } else {
      this.received = params;
    }
  }

  /** The next callback's parameters; rejects after `timeoutMs` or when `signal` aborts. */
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
 * Ask the desktop to open `url` in a browser: `open` (macOS), `cmd /c start` (Windows),
 * `xdg-open` (elsewhere), or `$BROWSER` when set; `BROWSER=none` opens nothing.
 * Failures are ignored: the URL is printed as well.
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
  if (env.BROWSER) launch(env.BROWSER, [url]);
  // `start` treats its first quoted argument as a window title, and cmd splits on `&`.
  else if (platform === 'win32') launch('cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]);
  else if (platform === 'darwin') launch('open', [url]);
  else launch('xdg-open', [url]);
  return true;
}
