/**
 * A fake Open-Meteo API on 127.0.0.1 for the tests: it records every request
 * and answers with whatever the current test tells it to.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeHandler = (url: URL, req: IncomingMessage, res: ServerResponse) => void;

export interface FakeOpenMeteo {
    /** e.g. http://127.0.0.1:43210/v1 — pass as the weather API base URL. */
    baseUrl: string;
    /** Raw request targets received (path + query, as sent on the wire). */
    requests: string[];
    /** Replace how requests are answered (default: `defaultHandler`). */
    respondWith(handler: FakeHandler): void;
    close(): Promise<void>;
}

export const CURRENT_RESPONSE = {
    latitude: 52.52,
    longitude: 13.419998,
    timezone: 'Europe/Berlin',
    current: {
        time: '2026-11-24T14:00',
        interval: 900,
        temperature_2m: 5.1,
        relative_humidity_2m: 81,
        apparent_temperature: 2.3,
        precipitation: 0.2,
        weather_code: 3,
        wind_speed_10m: 14.4
    }
};

/** A daily response for `n` days; day 2 onwards has no precipitation probability (null), as Open-Meteo does far out. */
export function dailyResponse(n: number) {
    const days = Array.from({ length: n }, (_, i) => i);
    return {
        latitude: 52.52,
        longitude: 13.419998,
        daily: {
            time: days.map(i => `2026-11-${String(24 + i).padStart(2, '0')}`),
            weather_code: days.map(i => [61, 0, 95][i % 3]),
            temperature_2m_max: days.map(i => 8.5 + i),
            temperature_2m_min: days.map(i => 1.25 - i),
            precipitation_sum: days.map(i => (i === 0 ? 3.4 : 0)),
            precipitation_probability_max: days.map(i => (i < 2 ? 80 - 40 * i : null)),
            wind_speed_10m_max: days.map(i => 22 + i)
        }
    };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
}

/** Answers like Open-Meteo: `current=` → current conditions, `daily=` → `forecast_days` days. */
export const defaultHandler: FakeHandler = (url, _req, res) => {
    if (url.pathname !== '/v1/forecast') return sendJson(res, 404, { error: true, reason: 'Not Found' });
    if (url.searchParams.has('current')) return sendJson(res, 200, CURRENT_RESPONSE);
    if (url.searchParams.has('daily'))
        return sendJson(res, 200, dailyResponse(Number(url.searchParams.get('forecast_days') ?? 7)));
    return sendJson(res, 400, { error: true, reason: 'Nothing requested' });
};

export async function startFakeOpenMeteo(): Promise<FakeOpenMeteo> {
    const requests: string[] = [];
    let handler: FakeHandler = defaultHandler;
    const server: Server = createServer((req, res) => {
        requests.push(req.url ?? '');
        handler(new URL(req.url ?? '/', 'http://127.0.0.1'), req, res);
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
        baseUrl: `http://127.0.0.1:${port}/v1`,
        requests,
        respondWith(next) {
            handler = next;
        },
        close: () =>
            new Promise<void>(resolve => {
                server.close(() => resolve());
                server.closeAllConnections();
            })
    };
}
