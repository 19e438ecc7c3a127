/**
 * End-to-end tests of the server through an in-memory client connection, in both
 * protocol eras, against a fake Open-Meteo API on 127.0.0.1.
 *
 * The server side is served by `serveStdio` (the same entry `node dist/index.js`
 * uses) over an in-memory transport, so era negotiation is the production one.
 */
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo } from 'node:net';

import { Client } from '@modelcontextprotocol/client';
import type { ClientOptions } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import type { StdioServerHandle } from '@modelcontextprotocol/server/stdio';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { readFileSync } from 'node:fs';

import { createServer, SERVER_NAME } from '../src/server.js';
import { WMO_WEATHER_CODES } from '../src/weather.js';
import { CURRENT_RESPONSE, defaultHandler, sendJson, startFakeOpenMeteo } from './fakeOpenMeteo.js';
import type { FakeOpenMeteo } from './fakeOpenMeteo.js';

const ERAS: { era: 'legacy' | 'modern'; version: string; options: ClientOptions }[] = [
    { era: 'legacy', version: '2025-11-25', options: {} },
    { era: 'modern', version: '2026-07-28', options: { versionNegotiation: { mode: { pin: '2026-07-28' } } } }
];

const CURRENT_QUERY =
    'current=temperature_2m,relative_humidity_2m,apparent_temperature,precipitation,weather_code,wind_speed_10m';
const DAILY_QUERY =
    'daily=weather_code,temperature_2m_max,temperature_2m_min,precipitation_sum,precipitation_probability_max,wind_speed_10m_max';

let fake: FakeOpenMeteo;

beforeAll(async () => {
    fake = await startFakeOpenMeteo();
});
afterAll(async () => {
    await fake.close();
});

function textOf(result: { content?: unknown }): string {
    const content = result.content as { type: string; text?: string }[];
    expect(content[0]?.type).toBe('text');
    return content[0]?.text ?? '';
}

describe.each(ERAS)('$era era ($version)', ({ era, version, options }) => {
    let client: Client;
    let handle: StdioServerHandle;
    let timeoutSeconds: number;

    beforeEach(async () => {
        fake.requests.length = 0;
        fake.respondWith(defaultHandler);
        timeoutSeconds = 5;
        const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
        handle = serveStdio(() => createServer({ weather: { baseUrl: fake.baseUrl, timeoutSeconds } }), {
            transport: serverTransport
        });
        client = new Client({ name: 'test-client', version: '1.0.0' }, options);
        await client.connect(clientTransport);
    });

    afterEach(async () => {
        await client.close();
        await handle.close();
    });

    it('negotiates the expected protocol version and identifies the server', () => {
        expect(client.getProtocolEra()).toBe(era);
        expect(client.getNegotiatedProtocolVersion()).toBe(version);
        // The version in package.json, read when the server starts.
        const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
        expect(client.getServerVersion()).toEqual({ name: SERVER_NAME, version: pkg.version });
    });

    it('lists both tools with input and output schemas', async () => {
        const { tools } = await client.listTools();
        expect(tools.map(t => t.name).sort()).toEqual(['get_forecast', 'get_weather']);

        const weather = tools.find(t => t.name === 'get_weather')!;
        expect(weather.description).toMatch(/current weather/i);
        expect(weather.inputSchema.required).toEqual(['latitude', 'longitude']);
        expect(weather.inputSchema.properties).toMatchObject({
            latitude: { type: 'number', minimum: -90, maximum: 90 },
            longitude: { type: 'number', minimum: -180, maximum: 180 }
        });
        expect(weather.outputSchema?.required).toEqual(
            expect.arrayContaining([
                'temperature_c',
                'apparent_temperature_c',
                'humidity_percent',
                'conditions',
                'time'
            ])
        );
        expect(weather.annotations).toMatchObject({ readOnlyHint: true, openWorldHint: true });

        const forecast = tools.find(t => t.name === 'get_forecast')!;
        expect(forecast.description).toMatch(/forecast/i);
        expect(forecast.inputSchema.required).toEqual(['latitude', 'longitude']);
        expect(forecast.inputSchema.properties?.days).toMatchObject({
            type: 'integer',
            minimum: 1,
            maximum: 16,
            default: 3
        });
        expect(forecast.outputSchema?.properties).toHaveProperty('days');
    });

    it('get_weather builds the exact Open-Meteo request and maps the response', async () => {
        const result = await client.callTool({ name: 'get_weather', arguments: { latitude: 52.52, longitude: 13.41 } });

        expect(fake.requests).toEqual([`/v1/forecast?latitude=52.52&longitude=13.41&${CURRENT_QUERY}&timezone=auto`]);
        expect(result.isError).toBeFalsy();
        const expected = {
            latitude: 52.52,
            longitude: 13.41,
            time: '2026-11-24T14:00',
            temperature_c: 5.1,
            apparent_temperature_c: 2.3,
            humidity_percent: 81,
            precipitation_mm: 0.2,
            wind_speed_kmh: 14.4,
            conditions: 'Overcast'
        };
        expect(result.structuredContent).toEqual(expected);
        expect(JSON.parse(textOf(result))).toEqual(expected);
    });

    it('get_forecast defaults to 3 days and maps the daily arrays (nulls included)', async () => {
        const result = await client.callTool({
            name: 'get_forecast',
            arguments: { latitude: -33.87, longitude: 151.21 }
        });

        expect(fake.requests).toEqual([
            `/v1/forecast?latitude=-33.87&longitude=151.21&${DAILY_QUERY}&forecast_days=3&timezone=auto`
        ]);
        expect(result.isError).toBeFalsy();
        expect(result.structuredContent).toEqual({
            latitude: -33.87,
            longitude: 151.21,
            days: [
                {
                    date: '2026-11-24',
                    conditions: 'Slight rain',
                    temperature_max_c: 8.5,
                    temperature_min_c: 1.25,
                    precipitation_mm: 3.4,
                    precipitation_probability_percent: 80,
                    wind_speed_max_kmh: 22
                },
                {
                    date: '2026-11-25',
                    conditions: 'Clear sky',
                    temperature_max_c: 9.5,
                    temperature_min_c: 0.25,
                    precipitation_mm: 0,
                    precipitation_probability_percent: 40,
                    wind_speed_max_kmh: 23
                },
                {
                    date: '2026-11-26',
                    conditions: 'Thunderstorm',
                    temperature_max_c: 10.5,
                    temperature_min_c: -0.75,
                    precipitation_mm: 0,
                    precipitation_probability_percent: null,
                    wind_speed_max_kmh: 24
                }
            ]
        });
        expect(JSON.parse(textOf(result))).toEqual(result.structuredContent);
    });

    it('get_forecast passes the requested number of days through', async () => {
        const result = await client.callTool({
            name: 'get_forecast',
            arguments: { latitude: 0, longitude: 0, days: 16 }
        });
        expect(fake.requests).toEqual([
            `/v1/forecast?latitude=0&longitude=0&${DAILY_QUERY}&forecast_days=16&timezone=auto`
        ]);
        expect((result.structuredContent as { days: unknown[] }).days).toHaveLength(16);
    });

    it('rejects out-of-range arguments without calling the API', async () => {
        const tooManyDays = await client.callTool({
            name: 'get_forecast',
            arguments: { latitude: 1, longitude: 2, days: 17 }
        });
        expect(tooManyDays.isError).toBe(true);
        expect(textOf(tooManyDays)).toMatch(/days/);

        const badLatitude = await client.callTool({ name: 'get_weather', arguments: { latitude: 91, longitude: 0 } });
        expect(badLatitude.isError).toBe(true);
        expect(textOf(badLatitude)).toMatch(/latitude/);

        expect(fake.requests).toEqual([]);
    });

    it('turns an upstream HTTP error into a tool error with the reason', async () => {
        fake.respondWith((_url, _req, res) =>
            sendJson(res, 400, { error: true, reason: 'Latitude must be in range of -90 to 90°.' })
        );
        const result = await client.callTool({ name: 'get_weather', arguments: { latitude: 10, longitude: 10 } });
        expect(result.isError).toBe(true);
        expect(result.structuredContent).toBeUndefined();
        expect(textOf(result)).toBe(
            `The weather service at ${fake.baseUrl}/forecast answered HTTP 400: Latitude must be in range of -90 to 90°.`
        );

        fake.respondWith((_url, _req, res) => {
            res.writeHead(503);
            res.end('upstream down');
        });
        const forecast = await client.callTool({ name: 'get_forecast', arguments: { latitude: 10, longitude: 10 } });
        expect(forecast.isError).toBe(true);
        expect(textOf(forecast)).toBe(`The weather service at ${fake.baseUrl}/forecast answered HTTP 503`);
    });

    it('turns malformed upstream responses into tool errors', async () => {
        fake.respondWith((_url, _req, res) => {
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end('{"current": ');
        });
        const notJson = await client.callTool({ name: 'get_weather', arguments: { latitude: 1, longitude: 1 } });
        expect(notJson.isError).toBe(true);
        expect(textOf(notJson)).toMatch(/not valid JSON/);

        fake.respondWith((_url, _req, res) =>
            sendJson(res, 200, { current: { ...CURRENT_RESPONSE.current, temperature_2m: 'warm' } })
        );
        const wrongType = await client.callTool({ name: 'get_weather', arguments: { latitude: 1, longitude: 1 } });
        expect(wrongType.isError).toBe(true);
        expect(textOf(wrongType)).toMatch(/unexpected response \(at current\.temperature_2m\)/);

        fake.respondWith((_url, _req, res) =>
            sendJson(res, 200, {
                daily: {
                    time: ['2026-11-24', '2026-11-25'],
                    weather_code: [1],
                    temperature_2m_max: [1, 2],
                    temperature_2m_min: [1, 2],
                    precipitation_sum: [0, 0],
                    precipitation_probability_max: [0, 0],
                    wind_speed_10m_max: [3, 4]
                }
            })
        );
        const ragged = await client.callTool({ name: 'get_forecast', arguments: { latitude: 1, longitude: 1 } });
        expect(ragged.isError).toBe(true);
        expect(textOf(ragged)).toMatch(/daily\.weather_code has the wrong length/);
    });

    it('turns an upstream timeout into a tool error', async () => {
        timeoutSeconds = 0.2; // read by the factory below for the next connection
        await client.close();
        await handle.close();
        const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
        handle = serveStdio(() => createServer({ weather: { baseUrl: fake.baseUrl, timeoutSeconds } }), {
            transport: serverTransport
        });
        client = new Client({ name: 'test-client', version: '1.0.0' }, options);
        await client.connect(clientTransport);

        fake.respondWith((url, req, res) => {
            const timer = setTimeout(() => defaultHandler(url, req, res), 2000);
            res.on('close', () => clearTimeout(timer));
        });
        const started = Date.now();
        const result = await client.callTool({ name: 'get_weather', arguments: { latitude: 1, longitude: 1 } });
        expect(result.isError).toBe(true);
        expect(textOf(result)).toBe(`The weather service at ${fake.baseUrl}/forecast did not answer within 0.2 s.`);
        expect(Date.now() - started).toBeLessThan(1500);
    });

    it('turns an unreachable API into a tool error', async () => {
        await client.close();
        await handle.close();
        const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
        // A port that was free a moment ago: nothing listens there, so the connection is refused.
        const closedPort = await new Promise<number>(resolve => {
            const probe = createNetServer().listen(0, '127.0.0.1', () => {
                const { port } = probe.address() as AddressInfo;
                probe.close(() => resolve(port));
            });
        });
        handle = serveStdio(
            () => createServer({ weather: { baseUrl: `http://127.0.0.1:${closedPort}/v1`, timeoutSeconds: 5 } }),
            {
                transport: serverTransport
            }
        );
        client = new Client({ name: 'test-client', version: '1.0.0' }, options);
        await client.connect(clientTransport);

        const result = await client.callTool({ name: 'get_forecast', arguments: { latitude: 1, longitude: 1 } });
        expect(result.isError).toBe(true);
        expect(textOf(result)).toBe(`Could not reach http://127.0.0.1:${closedPort}/v1/forecast: connection refused.`);
    });

    it('serves the WMO code table as a JSON resource', async () => {
        const { resources } = await client.listResources();
        expect(resources).toContainEqual(
            expect.objectContaining({ uri: 'weather://codes', mimeType: 'application/json' })
        );

        const { contents } = await client.readResource({ uri: 'weather://codes' });
        expect(contents).toHaveLength(1);
        expect(contents[0]).toMatchObject({ uri: 'weather://codes', mimeType: 'application/json' });
        const table = JSON.parse((contents[0] as { text: string }).text) as Record<string, string>;
        expect(table['0']).toBe('Clear sky');
        expect(table['95']).toBe('Thunderstorm');
        expect(Object.keys(table)).toHaveLength(Object.keys(WMO_WEATHER_CODES).length);
    });

    it('offers the forecast_briefing prompt', async () => {
        const { prompts } = await client.listPrompts();
        const prompt = prompts.find(p => p.name === 'forecast_briefing');
        expect(prompt?.arguments).toEqual([
            expect.objectContaining({ name: 'location', required: true }),
            expect.objectContaining({ name: 'activity', required: false })
        ]);

        const withActivity = await client.getPrompt({
            name: 'forecast_briefing',
            arguments: { location: 'Oslo', activity: 'cross-country skiing' }
        });
        expect(withActivity.messages).toHaveLength(1);
        expect(withActivity.messages[0]?.role).toBe('user');
        const text = (withActivity.messages[0]?.content as { type: string; text: string }).text;
        expect(text).toContain('Oslo');
        expect(text).toContain('get_forecast');
        expect(text).toContain('cross-country skiing');

        const plain = await client.getPrompt({ name: 'forecast_briefing', arguments: { location: 'Lima' } });
        const plainText = (plain.messages[0]?.content as { type: string; text: string }).text;
        expect(plainText).toContain('Lima');
        expect(plainText).not.toContain('undefined');
    });
});
