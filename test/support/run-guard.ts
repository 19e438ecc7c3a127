import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * What in a home folder the tests could write to by mistake: the CLIs' own folder, every
 * client config mcp-config knows, and the caches of the package managers the tests run.
 */
const WATCHED = [
  '.mcpkit',
  '.claude.json',
  '.config/Claude',
  '.cursor/mcp.json',
  '.config/Code/User/mcp.json',
  '.codeium/windsurf/mcp_config.json',
  '.gemini/settings.json',
  '.npm',
  '.cache/uv',
  '.cache/pip',
  '.cache/pnpm',
  '.local/share/pnpm',
  '.local/share/uv',
  '.local/state/pnpm',
];

/** Which of the watched paths exist in `home`, and every file under ~/.mcpkit. */
export interface HomeSnapshot {
  existing: Set<string>;
  mcpkitFiles: Set<string>;
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((entry) => join(dir, entry));
}

/** Notes what the watched paths of `home` look like now. */
export function snapshotHome(home: string): HomeSnapshot {
  return {
    existing: new Set(WATCHED.filter((path) => home && existsSync(join(home, path)))),
    mcpkitFiles: new Set(home ? listFiles(join(home, '.mcpkit')) : []),
  };
}

/**
 * What appeared in `home` since `before`: watched paths that did not exist, and new files
 * under ~/.mcpkit (backups). Existing caches and configs may be changed by other programs
 * running meanwhile, so only their appearance counts.
 */
export function homeLeaks(home: string, before: HomeSnapshot): string[] {
  if (!home) return [];
  const now = snapshotHome(home);
  return [
    ...[...now.existing].filter((path) => !before.existing.has(path)),
    ...[...now.mcpkitFiles]
      .filter((file) => !before.mcpkitFiles.has(file))
      .map((file) => relative(home, file)),
  ];
}

/**
 * uv locks a project's environment with an empty `uv-<hash>.lock` in TMPDIR and never
 * removes it, by design; it goes with the run's TMPDIR.
 */
const UV_ENVIRONMENT_LOCK = /^uv-[0-9a-f]{16}\.lock$/;

/** What is left in the run's TMPDIR, but uv's lock files: after the run it must be nothing. */
export function tempLeftovers(tmp: string): string[] {
  const entries = readdirSync(tmp).filter((entry) => !UV_ENVIRONMENT_LOCK.test(entry));
  return entries.map((entry) => {
    const path = join(tmp, entry);
    let size = 0;
    try {
      size = lstatSync(path).isDirectory() ? listFiles(path).length : 1;
    } catch {
      // Removed meanwhile.
    }
    return `${entry} (${size} files)`;
  });
}
