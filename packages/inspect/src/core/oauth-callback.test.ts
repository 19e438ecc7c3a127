import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { escapeHtml, LoopbackCallback, openBrowser } from './oauth-callback.js';

let loopback: LoopbackCallback;
let port: string;

beforeEach(async () => {
  loopback = await LoopbackCallback.start();
  port = new URL(loopback.redirectUrl).port;
});
afterEach(() => loopback.close());

/** A real GET to the listener with exactly the `Host` header given (none for null). */
function get(path: string, host: string | null = `127.0.0.1:${port}`) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        setHost: false,
        headers: host === null ? {} : { host },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Wait for the login and tell whether it has finished yet. */
function watch(waiting: Promise<URLSearchParams>) {
  const settled = vi.fn();
  waiting.then(settled, settled);
  return async () => {
    await new Promise((resolve) => setImmediate(resolve));
    return settled.mock.calls.length > 0;
  };
}

describe('LoopbackCallback', () => {
  it('answers only requests addressed to 127.0.0.1:<port> (DNS rebinding), and the login goes on', async () => {
    loopback.expect('s1');
    const waiting = loopback.next(5000);
    const finished = watch(waiting);
    for (const host of [`rebound.attacker.example:${port}`, 'evil.example', `127.0.0.1:1`]) {
      const page = await get('/callback?code=c0de&state=s1', host);
      expect(page.status, host).toBe(421);
      expect(page.body).toContain('Wrong address');
      expect(await finished()).toBe(false);
    }
    expect((await get('/callback?code=c0de&state=s1', null)).status).toBe(400);
    expect(await finished()).toBe(false);
    // The name the listener can be reached by works; the real callback still finishes it.
    const page = await get('/callback?code=c0de&state=s1', `LOCALHOST:${port}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('mcp-inspect is authorized');
    expect((await waiting).get('code')).toBe('c0de');
  });

  it('a missing or wrong state gets an error page and the login waits for the right one', async () => {
    loopback.expect('the-state');
    const waiting = loopback.next(5000);
    const finished = watch(waiting);
    for (const query of ['code=evil', 'code=evil&state=other', 'code=evil&state=the-stat']) {
      const page = await get(`/callback?${query}`);
      expect(page.status, query).toBe(400);
      expect(page.body).toContain('This authorization was not started here');
      expect(await finished()).toBe(false);
    }
    expect((await get('/callback?code=good&state=the-state')).status).toBe(200);
    expect(Object.fromEntries(await waiting)).toEqual({ code: 'good', state: 'the-state' });
  });

  it('is single-use: a request after the accepted one is told it was already used', async () => {
    loopback.expect('s1');
    const waiting = loopback.next(5000);
    expect((await get('/callback?code=c1&state=s1')).status).toBe(200);
    await waiting;
    for (const query of ['code=c1&state=s1', 'code=c2&state=s2', 'code=c3']) {
      const page = await get(`/callback?${query}`);
      expect(page.status).toBe(400);
      expect(page.body).toContain('already used');
    }
    // A later authorization (a step-up) takes only its own state; the old one stays used.
    loopback.expect('s2');
    expect(loopback.deliver(new URLSearchParams('code=c1&state=s1'))).toBe('used');
    expect(loopback.deliver(new URLSearchParams('code=c2&state=x'))).toBe('foreign');
    expect(loopback.deliver(new URLSearchParams('code=c2&state=s2'))).toBe('accepted');
    expect((await loopback.next(100)).get('code')).toBe('c2');
  });

  it('an error with the right state ends the wait with that error; its HTML is escaped in the page', async () => {
    loopback.expect('s1');
    const waiting = loopback.next(5000);
    const error = '<script>alert(1)</script>';
    const description = '<img src=x onerror="alert(2)"> & more';
    const page = await get(
      `/callback?${new URLSearchParams({ error, error_description: description, state: 's1' })}`,
    );
    expect(page.status).toBe(400);
    expect(page.body).toContain('Authorization did not complete');
    expect(page.body).not.toContain('<script>');
    expect(page.body).not.toContain('<img');
    expect(page.body).toContain(escapeHtml(error));
    expect(page.body).toContain('&lt;img src=x onerror=&quot;alert(2)&quot;&gt; &amp; more');
    const params = await waiting;
    expect(params.get('error')).toBe(error);
    expect(params.get('error_description')).toBe(description);
  });

  it('answers other paths and methods 404 without touching the login', async () => {
    loopback.expect('s1');
    expect((await get('/favicon.ico')).status).toBe(404);
    expect((await get('/callback/../x?state=s1')).status).toBe(404);
    expect(loopback.deliver(new URLSearchParams('code=c&state=s1'))).toBe('accepted');
  });
});

describe('openBrowser', () => {
  const launches = (url: string, platform: NodeJS.Platform, env: NodeJS.ProcessEnv = {}) => {
    const launched: string[][] = [];
    const opened = openBrowser(url, {
      platform,
      env,
      launch: (command, args) => void launched.push([command, ...args]),
    });
    return { opened, launched };
  };

  it('on Windows starts no shell and passes the URL as one argument, unchanged', () => {
    const url = 'https://as.example/authorize?a=1&b=2|calc^x"y%PATH%&c=%41';
    const { opened, launched } = launches(url, 'win32');
    expect(opened).toBe(true);
    expect(launched).toEqual([['rundll32', 'url.dll,FileProtocolHandler', url]]);
    expect(launched.flat().some((part) => /^cmd(\.exe)?$|powershell|\/c$/i.test(part))).toBe(false);
  });

  it('opens only http(s) URLs, whatever the platform or $BROWSER', () => {
    const refused = [
      'file:///C:/Windows/System32/calc.exe',
      'javascript:alert(1)',
      'ms-settings:',
      'calc.exe',
      '\\\\attacker\\share\\x.exe',
      '-https://as.example/',
      ' https://as.example/',
      'https://',
    ];
    for (const url of refused)
      for (const [platform, env] of [
        ['win32', {}],
        ['darwin', {}],
        ['linux', {}],
        ['linux', { BROWSER: 'firefox' }],
      ] as const) {
        const { opened, launched } = launches(url, platform, env);
        expect(opened, `${platform} ${url}`).toBe(false);
        expect(launched).toEqual([]);
      }
    expect(launches('HTTP://127.0.0.1:8/x', 'linux').launched).toEqual([
      ['xdg-open', 'HTTP://127.0.0.1:8/x'],
    ]);
  });
});
