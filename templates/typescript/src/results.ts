/**
 * Helpers that turn a tool's outcome into an MCP `CallToolResult`.
 */
import type { CallToolResult } from '@modelcontextprotocol/server';

import { WeatherApiError } from './weather.js';

/** A successful result: the object as `structuredContent`, and as JSON text for older clients. */
export function toolResult<T extends Record<string, unknown>>(output: T): CallToolResult {
    return { content: [{ type: 'text', text: JSON.stringify(output) }], structuredContent: output };
}

/**
 * A failed result (`isError: true`) the model can read. Weather API errors keep their own
 * message (it names the URL and the reason); anything else is marked as unexpected.
 */
export function toolError(error: unknown): CallToolResult {
    const message =
        error instanceof WeatherApiError
            ? error.message
            : `Unexpected error: ${error instanceof Error ? error.message : String(error)}`;
    return { isError: true, content: [{ type: 'text', text: message }] };
}
