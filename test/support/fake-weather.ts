import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A fake of the two Open-Meteo requests the generated servers make. */
export interface FakeWeatherApi {
  /** Base URL to pass as WEATHER_API_BASE_URL. */
  baseUrl: string;
  /** Every request target received (path and query). */
  requests: string[];
  close: () => Promise<void>;
}

/** A latitude the fake answers with HTTP 503, to see how a server reports an upstream error. */
export const OUTAGE_LATITUDE = -77;

const CURRENT_FIELDS =
  'temperature_2m,relative_humidity_2m,apparent_temperature,precipitation,weather_code,wind_speed_10m';
const DAILY_FIELDS =
  'weather_code,temperature_2m_max,temperature_2m_min,precipitation_sum,precipitation_probability_max,wind_speed_10m_max';

/**
 * Start a fake Open-Meteo on 127.0.0.1. It answers only the exact requests of the
 * generated templates (400 otherwise), with values derived from the query so a test can
 * tell its answer from any other: day `i` has a maximum of `latitude + i` °C. Requests for
 * {@link OUTAGE_LATITUDE} get `503 {"reason": "fake outage"}`.
 */
export async function startFakeWeatherApi(): Promise<FakeWeatherApi> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://fake');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const latitude = Number(url.searchParams.get('latitude'));
    const longitude = Number(url.searchParams.get('longitude'));
    if (url.pathname !== '/v1/forecast' || Number.isNaN(latitude) || Number.isNaN(longitude)) {
      return send(400, { error: true, reason: `unexpected request ${req.url}` });
    }
    if (latitude === OUTAGE_LATITUDE) return send(503, { error: true, reason: 'fake outage' });
    if (url.searchParams.get('current') === CURRENT_FIELDS) {
      return send(200, {
        latitude,
        longitude,
        current: {
          time: '2026-11-24T14:00',
          temperature_2m: 5.5,
          relative_humidity_2m: 81,
          apparent_temperature: 2.5,
          precipitation: 0.2,
          weather_code: 3,
          wind_speed_10m: 14.4,
        },
      });
    }
    const days = Number(url.searchParams.get('forecast_days'));
    if (url.searchParams.get('daily') === DAILY_FIELDS && Number.isInteger(days) && days > 0) {
      const index = Array.from({ length: days }, (_, i) => i);
      return send(200, {
        latitude,
        longitude,
        daily: {
          time: index.map((i) => `2026-11-${24 + i}`),
          weather_code: index.map(() => 61),
          temperature_2m_max: index.map((i) => latitude + i),
          temperature_2m_min: index.map((i) => latitude - 10 + i),
          precipitation_sum: index.map(() => 1.5),
          precipitation_probability_max: index.map(() => 70),
          wind_speed_10m_max: index.map(() => 20),
        },
      });
    }
    return send(400, { error: true, reason: `unexpected query ${url.search}` });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
