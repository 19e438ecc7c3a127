import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EXIT, InspectError } from './errors.js';
import { OAuthSession } from './oauth.js';

let home: string;
let session: OAuthSession;
let stderr: string;

beforeEach(async () => {
  home = mkdtempSync(join(tmpdir(), 'oauth-session-'));
  stderr = '';
  session = await OAuthSession.start({
    serverUrl: 'https://mcp.example/mcp',
    settings: { grant: 'authorization_code' },
    homedir: home,
    headless: false,
    callbackTimeoutMs: 5000,
    clientName: 'mcp-inspect',
    stderr: (text) => (stderr += text),
    platform: 'linux',
    env: { BROWSER: 'none' },
    launch: () => undefined,
  });
});
afterEach(async () => {
  await session.close();
  rmSync(home, { recursive: true, force: true });
});

/**
 * Run a command whose first attempt makes the provider start an authorization with
 * `state`, as the SDK does on a 401; resolves once the URL is printed.
 */
async function startLogin(state: string) {
  const finishAuth = vi.fn((_callback: URLSearchParams) => Promise.resolve());
  let attempts = 0;
  const outcome = session.run(
    async () => {
      if (attempts++ > 0) return 'done';
      await session.provider.redirectToAuthorization(
        new URL(`https://as.example/authorize?client_id=c&state=${state}`),
      );
      throw new Error('HTTP 401');
    },
    () => finishAuth,
  );
  await vi.waitFor(() => expect(stderr).toContain('https://as.example/authorize'));
  // Settled here so that a refusal is not an unhandled rejection while the test goes on.
  const settled = outcome.then(
    (value) => ({ value, error: undefined }),
    (error: unknown) => ({ value: undefined, error }),
  );
  return { settled, finishAuth };
}

/** What the browser would do: come back to the redirect URI with `query`. */
async function callback(query: string): Promise<number> {
  return (await fetch(`${session.provider.redirectUrl}?${query}`)).status;
}

describe('OAuthSession', () => {
  it('a callback with a foreign state does not end the login; the right one finishes it', async () => {
    const { settled, finishAuth } = await startLogin('st-1');
    expect(await callback('code=stolen&state=forged')).toBe(400);
    expect(await callback('code=stolen')).toBe(400);
    expect(await callback('code=good&state=st-1')).toBe(200);
    expect(await settled).toEqual({ value: 'done', error: undefined });
    expect(finishAuth).toHaveBeenCalledOnce();
    expect(finishAuth.mock.calls[0]![0].get('code')).toBe('good');
    expect(await callback('code=again&state=st-1')).toBe(400);
  });

  it('an error with the right state ends the login with that error, worded for the person', async () => {
    const { settled, finishAuth } = await startLogin('st-2');
    expect(await callback('error=access_denied&state=forged')).toBe(400);
    const description = 'The user said no\u001b[31m <b>';
    expect(
      await callback(
        new URLSearchParams({
          error: 'access_denied',
          error_description: description,
          state: 'st-2',
        }).toString(),
      ),
    ).toBe(400);
    const { error } = await settled;
    expect(error).toBeInstanceOf(InspectError);
    expect(error).toMatchObject({ exitCode: EXIT.connection });
    expect((error as InspectError).message).toBe(
      'Authorization failed: the authorization was declined (access_denied). It said: "The user said no <b>".',
    );
    expect((error as InspectError).hint).toMatch(/approve/);
    expect(finishAuth).not.toHaveBeenCalled();
  });

  it('headless: a redirect back with another state fails at once', async () => {
    let redirectUrl = '';
    const headless = await OAuthSession.start({
      serverUrl: 'https://mcp.example/mcp',
      settings: { grant: 'authorization_code' },
      homedir: home,
      headless: true,
      callbackTimeoutMs: 5000,
      clientName: 'mcp-inspect',
      stderr: () => undefined,
      platform: 'linux',
      env: {},
      launch: () => undefined,
      fetch: (() =>
        Promise.resolve(
          new Response(null, {
            status: 302,
            headers: { location: `${redirectUrl}?code=c&state=other` },
          }),
        )) as typeof fetch,
    });
    redirectUrl = headless.provider.redirectUrl!;
    try {
      await expect(
        headless.provider.redirectToAuthorization(
          new URL('https://as.example/authorize?state=mine'),
        ),
      ).rejects.toThrow(/without the state of this authorization/);
    } finally {
      await headless.close();
    }
  });
});
