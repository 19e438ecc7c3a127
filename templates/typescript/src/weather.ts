/**
 * A small client for the Open-Meteo forecast API (https://open-meteo.com, no API key).
 *
 * Every failure (HTTP error, timeout, network error, malformed body) is turned
 * into a `WeatherApiError` whose message names the URL and the reason, for the model to act on.
 */
import { z } from 'zod';

export const DEFAULT_WEATHER_API_BASE_URL = 'https://api.open-meteo.com/v1';
export const DEFAULT_WEATHER_TIMEOUT_SECONDS = 10;

/** WMO weather interpretation codes, as used by Open-Meteo's `weather_code`. */
export const WMO_WEATHER_CODES: Readonly<Record<number, string>> = {
    0: 'Clear sky',
    1: 'Mainly clear',
    2: 'Partly cloudy',
    3: 'Overcast',
    45: 'Fog',
    48: 'Depositing rime fog',
    51: 'Light drizzle',
    53: 'Moderate drizzle',
    55: 'Dense drizzle',
    56: 'Light freezing drizzle',
    57: 'Dense freezing drizzle',
    61: 'Slight rain',
    63: 'Moderate rain',
    65: 'Heavy rain',
    66: 'Light freezing rain',
    67: 'Heavy freezing rain',
    71: 'Slight snowfall',
    73: 'Moderate snowfall',
    75: 'Heavy snowfall',
    77: 'Snow grains',
    80: 'Slight rain showers',
    81: 'Moderate rain showers',
    82: 'Violent rain showers',
    85: 'Slight snow showers',
    86: 'Heavy snow showers',
    95: 'Thunderstorm',
    96: 'Thunderstorm with slight hail',
    99: 'Thunderstorm with heavy hail'
};

/** Human-readable text for a WMO weather code. */
export function describeWeatherCode(code: number | null): string {
    if (code === null) return 'Unknown';
    return WMO_WEATHER_CODES[code] ?? `Unknown (WMO code ${code})`;
}

export interface WeatherApiConfig {
    /** Base URL of the API, without a trailing slash. */
    baseUrl: string;
    /** Per-request timeout in seconds. */
    timeoutSeconds: number;
}

/** Reads the configuration from the environment (at call time, so tests can change it). */
export function weatherConfigFromEnv(env: NodeJS.ProcessEnv = process.env): WeatherApiConfig {
    const baseUrl = (env.WEATHER_API_BASE_URL?.trim() || DEFAULT_WEATHER_API_BASE_URL).replace(/\/+$/, '');
    const rawTimeout = env.WEATHER_TIMEOUT_SECONDS?.trim();
    const parsedTimeout = rawTimeout ? Number(rawTimeout) : Number.NaN;
    const timeoutSeconds =
        Number.isFinite(parsedTimeout) && parsedTimeout > 0 ? parsedTimeout : DEFAULT_WEATHER_TIMEOUT_SECONDS;
    return { baseUrl, timeoutSeconds };
}

export class WeatherApiError extends Error {
    override name = 'WeatherApiError';
}

// ---------------------------------------------------------------------------
// Output shapes (also used as the tools' output schemas)
// ---------------------------------------------------------------------------

export const CurrentWeatherSchema = z.object({
    latitude: z.number().describe('Latitude of the requested location, in degrees'),
    longitude: z.number().describe('Longitude of the requested location, in degrees'),
    time: z.string().describe('Local time of the observation (ISO 8601, in the location’s time zone)'),
    temperature_c: z.number().describe('Air temperature 2 m above ground, °C'),
    apparent_temperature_c: z.number().describe('Feels-like temperature, °C'),
    humidity_percent: z.number().describe('Relative humidity 2 m above ground, %'),
    precipitation_mm: z.number().describe('Precipitation (rain, showers, snow) in the current interval, mm'),
    wind_speed_kmh: z.number().describe('Wind speed 10 m above ground, km/h'),
    conditions: z.string().describe('Weather conditions in words, from the WMO weather code')
});
export type CurrentWeather = z.infer<typeof CurrentWeatherSchema>;

export const ForecastDaySchema = z.object({
    date: z.string().describe('Local date (YYYY-MM-DD)'),
    conditions: z.string().describe('Most severe weather of the day in words, from the WMO weather code'),
    temperature_max_c: z.number().nullable().describe('Maximum temperature, °C (null if unavailable)'),
    temperature_min_c: z.number().nullable().describe('Minimum temperature, °C (null if unavailable)'),
    precipitation_mm: z.number().nullable().describe('Total precipitation, mm (null if unavailable)'),
    precipitation_probability_percent: z
        .number()
        .nullable()
        .describe('Maximum probability of precipitation, % (null if unavailable)'),
    wind_speed_max_kmh: z
        .number()
        .nullable()
        .describe('Maximum wind speed 10 m above ground, km/h (null if unavailable)')
});
export type ForecastDay = z.infer<typeof ForecastDaySchema>;

export const ForecastSchema = z.object({
    latitude: z.number().describe('Latitude of the requested location, in degrees'),
    longitude: z.number().describe('Longitude of the requested location, in degrees'),
    days: z.array(ForecastDaySchema).describe('One entry per day, starting today')
});
export type Forecast = z.infer<typeof ForecastSchema>;

// ---------------------------------------------------------------------------
// Upstream response shapes (only the fields we read)
// ---------------------------------------------------------------------------

const CURRENT_FIELDS = [
    'temperature_2m',
    'relative_humidity_2m',
    'apparent_temperature',
    'precipitation',
    'weather_code',
    'wind_speed_10m'
] as const;

const DAILY_FIELDS = [
    'weather_code',
    'temperature_2m_max',
    'temperature_2m_min',
    'precipitation_sum',
    'precipitation_probability_max',
    'wind_speed_10m_max'
] as const;

const UpstreamCurrentSchema = z.object({
    current: z.object({
        time: z.string(),
        temperature_2m: z.number(),
        relative_humidity_2m: z.number(),
        apparent_temperature: z.number(),
        precipitation: z.number(),
        weather_code: z.number().int(),
        wind_speed_10m: z.number()
    })
});

const nullableNumbers = z.array(z.number().nullable());
const UpstreamDailySchema = z.object({
    daily: z.object({
        time: z.array(z.string()),
        weather_code: z.array(z.number().int().nullable()),
        temperature_2m_max: nullableNumbers,
        temperature_2m_min: nullableNumbers,
        precipitation_sum: nullableNumbers,
        precipitation_probability_max: nullableNumbers,
        wind_speed_10m_max: nullableNumbers
    })
});

// ---------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------

/** Builds `{base}/forecast?latitude=..&longitude=..&<extra>&timezone=auto` (commas kept literal). */
function forecastUrl(config: WeatherApiConfig, latitude: number, longitude: number, extra: string): string {
    return `${config.baseUrl}/forecast?latitude=${latitude}&longitude=${longitude}&${extra}&timezone=auto`;
}

const NETWORK_REASONS: Readonly<Record<string, string>> = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    ENOTFOUND: 'host name not found',
    EAI_AGAIN: 'host name lookup failed',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
    ETIMEDOUT: 'connection timed out'
};

/** The system's reason behind a failed `fetch`, in a few words (`fetch failed` alone says nothing). */
function networkReason(error: unknown): string {
    const seen = new Set<unknown>();
    for (let cause: unknown = error; cause instanceof Error && !seen.has(cause); cause = cause.cause) {
        seen.add(cause);
        const code = (cause as { code?: unknown }).code;
        if (typeof code === 'string' && NETWORK_REASONS[code]) return NETWORK_REASONS[code];
        // Several addresses tried (IPv4 and IPv6): each has its own error.
        if (cause instanceof AggregateError && cause.errors.length > 0) return networkReason(cause.errors[0]);
    }
    const last = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    return last instanceof Error ? last.message : String(last);
}

async function getJson(url: string, config: WeatherApiConfig): Promise<unknown> {
    const endpoint = url.split('?')[0];
    const timedOut = (error: unknown) =>
        error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    let response: Response;
    try {
        response = await fetch(url, {
            headers: { accept: 'application/json' },
            signal: AbortSignal.timeout(config.timeoutSeconds * 1000)
        });
    } catch (error) {
        if (timedOut(error)) {
            throw new WeatherApiError(
                `The weather service at ${endpoint} did not answer within ${config.timeoutSeconds} s.`
            );
        }
        throw new WeatherApiError(`Could not reach ${endpoint}: ${networkReason(error)}.`);
    }

    let text: string;
    try {
        text = await response.text();
    } catch (error) {
        if (timedOut(error)) {
            throw new WeatherApiError(
                `The weather service at ${endpoint} did not answer within ${config.timeoutSeconds} s.`
            );
        }
        throw new WeatherApiError(`The response of ${endpoint} could not be read: ${networkReason(error)}.`);
    }

    if (!response.ok) {
        // Open-Meteo explains bad requests as {"error": true, "reason": "..."}.
        let reason = '';
        try {
            const body = JSON.parse(text) as { reason?: unknown };
            if (typeof body.reason === 'string') reason = `: ${body.reason}`;
        } catch {
            // not JSON: keep the status only
        }
        throw new WeatherApiError(`The weather service at ${endpoint} answered HTTP ${response.status}${reason}`);
    }

    try {
        return JSON.parse(text) as unknown;
    } catch {
        throw new WeatherApiError('The weather service returned a response that is not valid JSON.');
    }
}

function malformed(error: z.ZodError): WeatherApiError {
    const issue = error.issues[0];
    const where = issue && issue.path.length > 0 ? ` (at ${issue.path.join('.')})` : '';
    return new WeatherApiError(`The weather service returned an unexpected response${where}.`);
}

/** Current conditions at a location. */
export async function fetchCurrentWeather(
    latitude: number,
    longitude: number,
    config: WeatherApiConfig = weatherConfigFromEnv()
): Promise<CurrentWeather> {
    const url = forecastUrl(config, latitude, longitude, `current=${CURRENT_FIELDS.join(',')}`);
    const parsed = UpstreamCurrentSchema.safeParse(await getJson(url, config));
    if (!parsed.success) throw malformed(parsed.error);
    const c = parsed.data.current;
    return {
        latitude,
        longitude,
        time: c.time,
        temperature_c: c.temperature_2m,
        apparent_temperature_c: c.apparent_temperature,
        humidity_percent: c.relative_humidity_2m,
        precipitation_mm: c.precipitation,
        wind_speed_kmh: c.wind_speed_10m,
        conditions: describeWeatherCode(c.weather_code)
    };
}

/** Daily forecast for `days` days (1..16) at a location. */
export async function fetchForecast(
    latitude: number,
    longitude: number,
    days: number,
    config: WeatherApiConfig = weatherConfigFromEnv()
): Promise<Forecast> {
    const url = forecastUrl(config, latitude, longitude, `daily=${DAILY_FIELDS.join(',')}&forecast_days=${days}`);
    const parsed = UpstreamDailySchema.safeParse(await getJson(url, config));
    if (!parsed.success) throw malformed(parsed.error);
    const d = parsed.data.daily;
    const count = d.time.length;
    for (const field of DAILY_FIELDS) {
        if (d[field].length !== count) {
            throw new WeatherApiError(
                `The weather service returned an unexpected response (daily.${field} has the wrong length).`
            );
        }
    }
    return {
        latitude,
        longitude,
        days: d.time.map((date, i) => ({
            date,
            conditions: describeWeatherCode(d.weather_code[i] ?? null),
            temperature_max_c: d.temperature_2m_max[i] ?? null,
            temperature_min_c: d.temperature_2m_min[i] ?? null,
            precipitation_mm: d.precipitation_sum[i] ?? null,
            precipitation_probability_percent: d.precipitation_probability_max[i] ?? null,
            wind_speed_max_kmh: d.wind_speed_10m_max[i] ?? null
        }))
    };
}
