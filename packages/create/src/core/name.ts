import type { TemplateInfo } from './templates.js';

/** Longest name npm accepts. */
const MAX_NAME_LENGTH = 214;

/**
 * Names valid for npm, for Python packaging (PEP 508) and as a console-script name: lower
 * case ASCII letters and digits, with `-`, `_` or `.` inside.
 */
const VALID_NAME = /^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$/;

/**
 * Explain why `name` cannot be a project name, or return undefined when it can.
 * The reason is one sentence fit to follow "Invalid name ...: ".
 */
export function checkProjectName(name: string, template?: TemplateInfo): string | undefined {
  if (name.length === 0) return 'the name is empty';
  if (name.length > MAX_NAME_LENGTH) return `it is longer than ${MAX_NAME_LENGTH} characters`;
  if (name !== name.toLowerCase()) return 'it has upper-case letters';
  if (!VALID_NAME.test(name)) {
    return 'use lower-case letters, digits and "-", "_" or "." inside (e.g. "my-weather")';
  }
  if (template?.reservedNames.includes(name)) {
    return `the project would depend on a package of the same name ("${name}")`;
  }
  return undefined;
}

/**
 * Turn any folder name into a valid project name: `"My Weather"` → `"my-weather"`,
 * `"Café Météo"` → `"cafe-meteo"`. Falls back to `"mcp-server"` when nothing is left.
 */
export function deriveProjectName(folderName: string): string {
  const name = folderName
    .normalize('NFKD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[._-]+|[._-]+$/g, '')
    .slice(0, MAX_NAME_LENGTH)
    .replace(/[._-]+$/, '');
  return name.length > 0 ? name : 'mcp-server';
}
