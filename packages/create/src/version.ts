import { readFileSync } from 'node:fs';

/**
 * This package's version, from its package.json: `--version` prints it and the next steps pin
 * the sibling CLIs to it. The module sits in <pkg>/src or, bundled, flat in <pkg>/dist.
 */
export function readVersion(): string {
  const url = new URL('../package.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
}
