/**
 * The project's version, from its package.json (one folder up from both src/ and dist/),
 * so `serverInfo.version` follows `npm version` without a second place to edit.
 */
import { readFileSync } from 'node:fs';

/** The `version` field of package.json, or `0.0.0` when it cannot be read. */
export function packageVersion(): string {
    try {
        const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
            version?: unknown;
        };
        return typeof pkg.version === 'string' && pkg.version !== '' ? pkg.version : '0.0.0';
    } catch {
        return '0.0.0'; // package.json missing or unreadable (e.g. dist/ copied alone)
    }
}
