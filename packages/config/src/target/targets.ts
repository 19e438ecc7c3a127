import { isAbsolute, resolve } from 'node:path';
import {
  resolveConfigCandidates,
  type ClientId,
  type ConfigCandidate,
  type ConfigScope,
} from '@mcpkit/shared/client-paths';
import { usageError } from '../errors.js';
import type { TargetFs } from './host-fs.js';

/** Inputs for finding a client's config files; everything OS-related is passed in. */
export interface TargetOptions {
  /** Client whose files to use. */
  client: ClientId;
  /** Only this scope (`--scope`). */
  scope?: ConfigScope;
  /** Use this file instead of the client's own (`--config`), relative to `cwd`. */
  config?: string;
  /** Target platform (`--platform`, else the host's). */
  platform: NodeJS.Platform;
  /** Environment of the target user. */
  env: Readonly<Record<string, string | undefined>>;
  /** Home directory of the target user. */
  homedir: string;
  /** Project directory. */
  cwd: string;
  /** File access in target paths. */
  fs: TargetFs;
}

/** Names used in messages. */
export const CLIENT_NAMES: Record<ClientId, string> = {
  'claude-desktop': 'Claude Desktop',
  'claude-code': 'Claude Code',
  cursor: 'Cursor',
  vscode: 'VS Code',
  windsurf: 'Windsurf',
  'gemini-cli': 'Gemini CLI',
};

/** Where `add` writes when no --scope is given. */
export const DEFAULT_WRITE_SCOPE: Record<ClientId, ConfigScope> = {
  'claude-desktop': 'user',
  'claude-code': 'local',
  cursor: 'user',
  vscode: 'project',
  windsurf: 'user',
  // As `gemini mcp add`, whose --scope defaults to project.
  'gemini-cli': 'project',
};

/** Every candidate file of the client (all scopes, lookup order), with `exists` filled in. */
export function listCandidates(o: TargetOptions): ConfigCandidate[] {
  return resolveConfigCandidates({
    client: o.client,
    scope: o.scope,
    platform: o.platform,
    env: o.env,
    homedir: o.homedir,
    cwd: o.cwd,
    exists: o.fs.exists,
    listDir: o.fs.listDir,
    readText: (file) => {
      try {
        return o.fs.readText(file);
      } catch {
        return undefined;
      }
    },
  });
}

/**
 * The files the client actually reads, in lookup order: per scope the first candidate, plus
 * Claude Code's `.mcp.json` files of parent folders. Candidates come ordered so that this is
 * right even on Windows, where an installed Microsoft Store (MSIX) build reads only its own
 * copy, existing or not.
 */
export function readTargets(o: TargetOptions): ConfigCandidate[] {
  if (o.config !== undefined) return [configTarget(o)];
  const seen = new Set<ConfigScope>();
  const read: ConfigCandidate[] = [];
  for (const candidate of listCandidates(o)) {
    if (seen.has(candidate.scope) && candidate.parentFolder !== true) continue;
    seen.add(candidate.scope);
    read.push(candidate);
  }
  if (read.length === 0) throw noSuchScope(o);
  return read;
}

/** The one file (and section) a change goes to: --config, else the --scope or default scope. */
export function writeTarget(o: TargetOptions): ConfigCandidate {
  if (o.config !== undefined) return configTarget(o);
  const scope = o.scope ?? DEFAULT_WRITE_SCOPE[o.client];
  const [first] = readTargets({ ...o, scope });
  if (!first) throw noSuchScope({ ...o, scope });
  return first;
}

function noSuchScope(o: TargetOptions) {
  const scopes = [...new Set(listCandidates({ ...o, scope: undefined }).map((c) => c.scope))];
  return usageError(
    `${CLIENT_NAMES[o.client]} has no "${o.scope ?? ''}" scope.`,
    `Use --scope ${scopes.join(' or --scope ')}.`,
  );
}

/** The --config file, read the way the client reads its own file of that kind. */
function configTarget(o: TargetOptions): ConfigCandidate {
  const config = o.config ?? '';
  const file = isAbsolute(config) ? config : resolve(o.cwd, config);
  const base = file.replace(/\\/g, '/').split('/').pop() ?? '';
  const fileScope: ConfigScope | undefined =
    o.client === 'claude-code' && base === '.mcp.json' ? 'project' : undefined;
  const scope = o.scope ?? fileScope ?? DEFAULT_WRITE_SCOPE[o.client];
  const [like] = listCandidates({ ...o, scope });
  if (!like) throw noSuchScope({ ...o, scope });
  return { ...like, file, label: `${like.label}, --config`, exists: o.fs.exists(file) };
}
