import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A template folder under `templates/`. */
export type TemplateName = 'python' | 'fastmcp' | 'typescript';
/** Package managers a generated project can be installed with. */
export type PackageManager = 'uv' | 'pip' | 'npm' | 'pnpm';
/** The transport the generated `main()` uses when none is given. */
export type TransportName = 'stdio' | 'http';

/** What the CLI knows about one template. */
export interface TemplateInfo {
  /** Folder name under `templates/`, and the value of `--template`. */
  name: TemplateName;
  /** Language of the generated project; decides the package managers. */
  language: 'python' | 'typescript';
  /** One line shown in `--help` and in the wizard. */
  description: string;
  /** Supported package managers, the preferred one first. */
  packageManagers: readonly PackageManager[];
  /** Dependency names a project may not be called (it would depend on itself). */
  reservedNames: readonly string[];
}

/** Every template, in the order the wizard offers them; the first is the default. */
export const TEMPLATES: readonly TemplateInfo[] = [
  {
    name: 'python',
    language: 'python',
    description: 'Python, official mcp SDK 2.x (MCPServer)',
    packageManagers: ['uv', 'pip'],
    reservedNames: ['mcp', 'httpx', 'pydantic', 'pytest', 'anyio', 'uvicorn', 'starlette'],
  },
  {
    name: 'fastmcp',
    language: 'python',
    description: 'Python, standalone FastMCP 4',
    packageManagers: ['uv', 'pip'],
    reservedNames: [
      'mcp',
      'fastmcp',
      'httpx',
      'pydantic',
      'pytest',
      'anyio',
      'uvicorn',
      'starlette',
    ],
  },
  {
    name: 'typescript',
    language: 'typescript',
    description: 'TypeScript, official MCP SDK v2',
    packageManagers: ['npm', 'pnpm'],
    reservedNames: ['zod', 'typescript', 'vitest'],
  },
];

/** The `--template` default. */
export const DEFAULT_TEMPLATE: TemplateName = 'python';

/** The project folder used when none is given. */
export const DEFAULT_DIRECTORY = 'my-mcp-server';

/** The `--transport` values. */
export const TRANSPORTS: readonly TransportName[] = ['stdio', 'http'];

/** Look up a template by name. */
export function findTemplate(name: string): TemplateInfo | undefined {
  return TEMPLATES.find((template) => template.name === name);
}

/**
 * Files stored in a template under another name, because npm would drop or act on the
 * real name when publishing. Code and tests share this one map.
 */
export const RENAMED_FILES: Readonly<Record<string, string>> = {
  _gitignore: '.gitignore',
  '_env.example': '.env.example',
  _dockerignore: '.dockerignore',
};

/** The project name every template is written with, replaced by the user's name. */
export const NAME_TOKEN = 'my-mcp-server';

/**
 * Find the templates folder: inside the published package (`<pkg>/templates`), or at the
 * repository root when running from a checkout.
 */
export function resolveTemplatesDir(): string {
  // This module is bundled into <pkg>/dist/<chunk>.js, or is <pkg>/src/core/templates.ts
  // under test: the nearest templates/ above it is the package's own, then the repository's.
  const here = dirname(fileURLToPath(import.meta.url));
  for (let dir = here, depth = 0; depth < 5; dir = dirname(dir), depth++) {
    const candidate = join(dir, 'templates');
    if (existsSync(join(candidate, DEFAULT_TEMPLATE))) return candidate;
  }
  throw new Error(`templates folder not found above ${here}`);
}
