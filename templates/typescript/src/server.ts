/**
 * The MCP server: its tools, resource and prompt. This is the file to edit.
 *
 * A tool is `server.registerTool(name, { description, inputSchema, outputSchema }, handler)`:
 * the model reads the description and fills in the zod input schema. Return
 * `toolResult(object)`, or `toolError(error)` for a failure the model should see.
 * `createServer()` builds a fresh instance for the entry point (src/index.ts) and the tests.
 *
 * Plumbing lives elsewhere: src/weather.ts (Open-Meteo client, result schemas), src/http.ts
 * (Streamable HTTP, bearer token), src/index.ts (command line).
 */
import { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';

import { toolError, toolResult } from './results.js';
import { packageVersion } from './version.js';
import {
    CurrentWeatherSchema,
    fetchCurrentWeather,
    fetchForecast,
    ForecastSchema,
    weatherConfigFromEnv,
    WMO_WEATHER_CODES
} from './weather.js';
import type { WeatherApiConfig } from './weather.js';

export const SERVER_NAME = 'my-mcp-server';
/** The `version` in package.json, reported to clients as `serverInfo.version`. */
export const SERVER_VERSION = packageVersion();

export interface CreateServerOptions {
    /** Weather API settings; read from the environment (per call) when omitted. */
    weather?: WeatherApiConfig;
}

const latitude = z.number().min(-90).max(90).describe('Latitude in decimal degrees, -90 (south) to 90 (north)');
const longitude = z.number().min(-180).max(180).describe('Longitude in decimal degrees, -180 (west) to 180 (east)');

/** A new server with every tool, resource and prompt registered. */
export function createServer(options: CreateServerOptions = {}): McpServer {
    const config = (): WeatherApiConfig => options.weather ?? weatherConfigFromEnv();

    const server = new McpServer(
        { name: SERVER_NAME, version: SERVER_VERSION },
        {
            instructions:
                'Weather tools backed by Open-Meteo. Tools take coordinates, not place names: ' +
                'if the user names a place, use its approximate latitude/longitude. ' +
                'Use get_weather for conditions right now and get_forecast for the coming days.'
        }
    );

    server.registerTool(
        'get_weather',
        {
            title: 'Current weather',
            description:
                'Get the current weather at a location: temperature, feels-like temperature, humidity, ' +
                'precipitation, wind speed and a short description of the conditions. ' +
                'Use this when the user asks about the weather right now. Takes decimal coordinates; ' +
                'if the user gives a place name, pass its approximate latitude and longitude.',
            inputSchema: z.object({ latitude, longitude }),
            outputSchema: CurrentWeatherSchema,
            annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: true }
        },
        async ({ latitude, longitude }) => {
            try {
                return toolResult(await fetchCurrentWeather(latitude, longitude, config()));
            } catch (error) {
                return toolError(error);
            }
        }
    );

    server.registerTool(
        'get_forecast',
        {
            title: 'Daily forecast',
            description:
                'Get the daily weather forecast for a location for the next 1 to 16 days (default 3), ' +
                'starting today: conditions, minimum/maximum temperature, precipitation amount and probability, ' +
                'and maximum wind speed per day. Use this for questions about the coming days or planning. ' +
                'Takes decimal coordinates; if the user gives a place name, pass its approximate latitude and longitude.',
            inputSchema: z.object({
                latitude,
                longitude,
                days: z.number().int().min(1).max(16).default(3).describe('Days to forecast, 1 to 16 (default 3)')
            }),
            outputSchema: ForecastSchema,
            annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: true }
        },
        async ({ latitude, longitude, days }) => {
            try {
                return toolResult(await fetchForecast(latitude, longitude, days, config()));
            } catch (error) {
                return toolError(error);
            }
        }
    );

    server.registerResource(
        'weather_codes',
        'weather://codes',
        {
            title: 'WMO weather codes',
            description: 'Table of WMO weather interpretation codes (as returned by Open-Meteo) and their meaning.',
            mimeType: 'application/json'
        },
        async uri => ({
            contents: [
                { uri: uri.href, mimeType: 'application/json', text: JSON.stringify(WMO_WEATHER_CODES, null, 2) }
            ]
        })
    );

    server.registerPrompt(
        'forecast_briefing',
        {
            title: 'Forecast briefing',
            description: 'Ask for a short weather briefing for a location, optionally tailored to a planned activity.',
            argsSchema: z.object({
                location: z.string().min(1).describe('The place to brief on, e.g. "Berlin" or "Yosemite Valley"'),
                activity: z.string().optional().describe('Optional planned activity, e.g. "cycling" or "a picnic"')
            })
        },
        ({ location, activity }) => {
            const focus = activity
                ? ` I am planning ${activity}: tell me which days suit it best and what to watch out for.`
                : ' Highlight anything notable, such as rain, strong wind or temperature swings.';
            return {
                messages: [
                    {
                        role: 'user',
                        content: {
                            type: 'text',
                            text:
                                `Please give me a short weather briefing for ${location}. ` +
                                `Use the get_forecast tool with the latitude and longitude of ${location} to look up the forecast ` +
                                `for the next few days, then summarise it day by day.${focus}`
                        }
                    }
                ]
            };
        }
    );

    return server;
}
