import { describe, expect, it } from 'vitest';

import { describeWeatherCode, weatherConfigFromEnv } from '../src/weather.js';

describe('weatherConfigFromEnv', () => {
    it('defaults to the public Open-Meteo API and a 10 s timeout', () => {
        expect(weatherConfigFromEnv({})).toEqual({ baseUrl: 'https://api.open-meteo.com/v1', timeoutSeconds: 10 });
    });

    it('reads WEATHER_API_BASE_URL (without trailing slash) and WEATHER_TIMEOUT_SECONDS', () => {
        expect(
            weatherConfigFromEnv({ WEATHER_API_BASE_URL: 'http://127.0.0.1:8080/v1/', WEATHER_TIMEOUT_SECONDS: '2.5' })
        ).toEqual({
            baseUrl: 'http://127.0.0.1:8080/v1',
            timeoutSeconds: 2.5
        });
    });

    it('ignores an unusable timeout', () => {
        for (const value of ['', 'soon', '0', '-3']) {
            expect(weatherConfigFromEnv({ WEATHER_TIMEOUT_SECONDS: value }).timeoutSeconds).toBe(10);
        }
    });
});

describe('describeWeatherCode', () => {
    it('names known codes and flags unknown ones', () => {
        expect(describeWeatherCode(0)).toBe('Clear sky');
        expect(describeWeatherCode(65)).toBe('Heavy rain');
        expect(describeWeatherCode(42)).toBe('Unknown (WMO code 42)');
        expect(describeWeatherCode(null)).toBe('Unknown');
    });
});
