/**
 * Streamable HTTP serving: bearer-token check, Host-header protection, and a real
 * client over HTTP in both protocol eras.
 */
import { request as httpRequest } from 'node:http';

import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { ClientOptions } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { hasValidBearerToken, startHttpServer } from '../src/http.js';
import type { RunningHttpServer } from '../src/http.js';
import { startFakeOpenMeteo } from './fakeOpenMeteo.js';
import type { FakeOpenMeteo } from './fakeOpenMeteo.js';

const TOKEN = 'test-token-0123456789';

const ERAS: { era: 'legacy' | 'modern'; version: string; options: ClientOptions }[] = [
    { era: 'legacy', version: '2025-11-25', options: {} },
    { era: 'modern', version: '2026-07-28', options: { versionNegotiation: { mode: { pin: '2026-07-28' } } } }
];

const INITIALIZE = JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } }
});

function post(url: URL, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
        body: INITIALIZE
    });
}

async function connect(url: URL, options: ClientOptions, token?: string): Promise<Client> {
    const client = new Client({ name: 'http-test', version: '1.0.0' }, options);
    const transport = new StreamableHTTPClientTransport(
        url,
        token ? { requestInit: { headers: { Authorization: `Bearer ${token}` } } } : {}
    );
    await client.connect(transport);
    return client;
}

let fake: FakeOpenMeteo;
beforeAll(async () => {
    fake = await startFakeOpenMeteo();
});
afterAll(async () => {
    await fake.close();
});

describe('hasValidBearerToken', () => {
    it('accepts only the exact token in a Bearer header', () => {
        expect(hasValidBearerToken(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
        expect(hasValidBearerToken(`bearer ${TOKEN}`, TOKEN)).toBe(true);
        expect(hasValidBearerToken(undefined, TOKEN)).toBe(false);
        expect(hasValidBearerToken('', TOKEN)).toBe(false);
        expect(hasValidBearerToken(TOKEN, TOKEN)).toBe(false);
        expect(hasValidBearerToken(`Basic ${TOKEN}`, TOKEN)).toBe(false);
        expect(hasValidBearerToken(`Bearer ${TOKEN}x`, TOKEN)).toBe(false);
        expect(hasValidBearerToken(`Bearer ${TOKEN.slice(0, -1)}`, TOKEN)).toBe(false);
        expect(hasValidBearerToken(`Bearer ${TOKEN} extra`, TOKEN)).toBe(false);
    });
});

describe('HTTP with MCP_AUTH_TOKEN', () => {
    let running: RunningHttpServer;

    beforeAll(async () => {
        running = await startHttpServer({
            host: '127.0.0.1',
            port: 0,
            authToken: TOKEN,
            serverOptions: { weather: { baseUrl: fake.baseUrl, timeoutSeconds: 5 } },
            onError: () => {}
        });
    });
    afterAll(async () => {
        await running.close();
    });

    it('listens on 127.0.0.1 at /mcp', () => {
        expect(running.url.hostname).toBe('127.0.0.1');
        expect(running.url.pathname).toBe('/mcp');
        expect(Number(running.url.port)).toBeGreaterThan(0);
    });

    it('answers 401 with WWW-Authenticate: Bearer without a token', async () => {
        const res = await post(running.url);
        expect(res.status).toBe(401);
        expect(res.headers.get('www-authenticate')).toBe('Bearer');
        expect(await res.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32001 } });
    });

    it('answers 401 for a wrong token or scheme', async () => {
        for (const authorization of [`Bearer wrong-${TOKEN}`, `Bearer ${TOKEN.slice(1)}`, `Basic ${TOKEN}`]) {
            const res = await post(running.url, { authorization });
            expect(res.status, authorization).toBe(401);
            expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
        }
    });

    it('requires the token on every path and method', async () => {
        const res = await fetch(new URL('/other', running.url));
        expect(res.status).toBe(401);
        const authed = await fetch(new URL('/other', running.url), { headers: { authorization: `Bearer ${TOKEN}` } });
        expect(authed.status).toBe(404);
    });

    it('answers 404, not 401, on the OAuth discovery paths (the server uses no OAuth)', async () => {
        for (const path of [
            '/.well-known/oauth-protected-resource',
            '/.well-known/oauth-protected-resource/mcp',
            '/.well-known/oauth-authorization-server',
            '/.well-known/oauth-authorization-server/mcp',
            '/.well-known/openid-configuration',
            '/.well-known/openid-configuration/mcp',
            '/register'
        ]) {
            const res = await fetch(new URL(path, running.url), { method: path === '/register' ? 'POST' : 'GET' });
            expect(res.status, path).toBe(404);
            expect(res.headers.get('www-authenticate'), path).toBeNull();
        }
        expect((await fetch(new URL('/.well-known/other', running.url))).status).toBe(401);
    });

    it('rejects a client without the token', async () => {
        await expect(connect(running.url, {})).rejects.toThrow();
    });

    it('rejects a non-localhost Host header (DNS rebinding protection)', async () => {
        const status = await new Promise<number>((resolve, reject) => {
            const req = httpRequest(
                running.url,
                {
                    method: 'POST',
                    headers: {
                        host: 'attacker.example',
                        authorization: `Bearer ${TOKEN}`,
                        'content-type': 'application/json',
                        accept: 'application/json, text/event-stream'
                    }
                },
                res => {
                    res.resume();
                    resolve(res.statusCode ?? 0);
                }
            );
            req.on('error', reject);
            req.end(INITIALIZE);
        });
        expect(status).toBe(403);
    });

    describe.each(ERAS)('client in the $era era', ({ era, version, options }) => {
        it(`connects with the token, negotiates ${version} and calls tools`, async () => {
            const client = await connect(running.url, options, TOKEN);
            try {
                expect(client.getProtocolEra()).toBe(era);
                expect(client.getNegotiatedProtocolVersion()).toBe(version);

                const { tools } = await client.listTools();
                expect(tools.map(t => t.name).sort()).toEqual(['get_forecast', 'get_weather']);

                fake.requests.length = 0;
                const result = await client.callTool({
                    name: 'get_forecast',
                    arguments: { latitude: 48.85, longitude: 2.35, days: 2 }
                });
                expect(result.isError).toBeFalsy();
                expect(fake.requests).toHaveLength(1);
                expect(fake.requests[0]).toContain('latitude=48.85&longitude=2.35&');
                expect(fake.requests[0]).toContain('&forecast_days=2&timezone=auto');
                expect(result.structuredContent).toMatchObject({ latitude: 48.85, longitude: 2.35 });
                expect((result.structuredContent as { days: unknown[] }).days).toHaveLength(2);

                const { contents } = await client.readResource({ uri: 'weather://codes' });
                expect(contents[0]?.mimeType).toBe('application/json');
            } finally {
                await client.close();
            }
        });
    });
});

describe('HTTP without a token', () => {
    it('serves clients without Authorization', async () => {
        const running = await startHttpServer({
            host: '127.0.0.1',
            port: 0,
            serverOptions: { weather: { baseUrl: fake.baseUrl, timeoutSeconds: 5 } },
            onError: () => {}
        });
        try {
            for (const { options, era } of ERAS) {
                const client = await connect(running.url, options);
                expect(client.getProtocolEra()).toBe(era);
                const result = await client.callTool({
                    name: 'get_weather',
                    arguments: { latitude: 1.5, longitude: -2.5 }
                });
                expect(result.structuredContent).toMatchObject({
                    latitude: 1.5,
                    longitude: -2.5,
                    conditions: 'Overcast'
                });
                await client.close();
            }
        } finally {
            await running.close();
        }
    });
});
