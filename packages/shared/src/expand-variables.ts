import type { ClientId } from './client-paths.js';
import { pathFor } from './client-paths.js';
import type { ServerEntry } from './server-entries.js';

/** A `${...}` reference that could not be given a value. */
export interface UnresolvedVariable {
  /** The reference as written, e.g. `${API_KEY}`, `${input:token}` or (Gemini CLI) `$API_KEY`. */
  reference: string;
  /** Where it appears: `command`, `args[1]`, `env.API_KEY`, `url`, `headers.Authorization`… */
  field: string;
  /**
   * `unset`: an environment variable that is not set and has no default; `input`: a VS Code
   * input, which the client prompts for; `unsupported`: a variable the client knows but that
   * needs an editor (`${command:...}`, `${file}`…) or a file (Windsurf's `${file:...}`);
   * `unknown`: a name the client does not know.
   */
  reason: 'unset' | 'input' | 'unsupported' | 'unknown';
}

/** Inputs of {@link expandEntry}; everything OS-related is passed in. */
export interface ExpandOptions {
  /** Environment the client would launch with. */
  env: Readonly<Record<string, string | undefined>>;
  /** Project (workspace) folder: the value of `${workspaceFolder}`. */
  cwd: string;
  /** Home directory: the value of `${userHome}` (VS Code, Cursor). */
  homedir?: string;
  /** Target platform: path separator, and case-insensitive env names on Windows. */
  platform?: NodeJS.Platform;
}

/** An entry with its variables substituted, and the references left as they were. */
export interface ExpandResult<T extends ServerEntry = ServerEntry> {
  /** A copy of the entry with every resolvable reference substituted. */
  entry: T;
  /** References that could not be resolved, in field order. */
  unresolved: UnresolvedVariable[];
}

type Resolver = (
  inner: string,
  reference: string,
  field: string,
  unresolved: UnresolvedVariable[],
) => string;

const REFERENCE = /\$\{[^}]+\}/g;
// Gemini CLI's own pattern (packages/cli/src/utils/envVarResolver.ts): $NAME or ${NAME}.
const GEMINI_REFERENCE = /\$(?:\w+|\{[^}]+\})/g;

/**
 * Substitutes variables the way `client` does when it launches the entry:
 * - Claude Desktop: nothing.
 * - Claude Code: `${VAR}` and `${VAR:-default}` in command, args, env, url and headers.
 *   An unset variable without default stays literal (what Claude Code passes on); a
 *   variable set to "" gives "" (assumption: the default applies only when unset).
 *   Applied to every scope, not only `.mcp.json` (assumption).
 * - VS Code: `${env:VAR}` (unset gives ""), `${workspaceFolder}`, `${workspaceFolderBasename}`,
 *   `${userHome}`, `${pathSeparator}`, `${/}`; `${input:...}` cannot be answered
 *   non-interactively and stays literal, as do editor-only variables.
 * - Cursor: the same variables as VS Code except inputs (assumed to resolve like VS Code).
 * - Windsurf: `${env:VAR}` (unset gives "", assumed as in VS Code); `${file:path}` (a file's
 *   contents) is not read here and stays literal.
 * - Gemini CLI: `$VAR` and `${VAR}` in every string of settings.json, cwd included; an
 *   unset variable stays literal. No defaults: `${VAR:-x}` names a variable "VAR:-x".
 * Every reference left unresolved is listed in `unresolved`.
 */
export function expandEntry<T extends ServerEntry>(
  entry: T,
  client: ClientId,
  options: ExpandOptions,
): ExpandResult<T> {
  const unresolved: UnresolvedVariable[] = [];
  const resolver = resolverFor(client, options);
  if (!resolver) return { entry: { ...entry }, unresolved };
  const pattern = client === 'gemini-cli' ? GEMINI_REFERENCE : REFERENCE;
  const str = (value: string, field: string) =>
    value.replace(pattern, (reference: string) => {
      const inner = reference.startsWith('${') ? reference.slice(2, -1) : reference.slice(1);
      return resolver(inner, reference, field, unresolved);
    });
  const map = (values: Record<string, string>, field: string) =>
    Object.fromEntries(Object.entries(values).map(([k, v]) => [k, str(v, `${field}.${k}`)]));

  const e: ServerEntry = entry;
  if (e.transport === 'stdio') {
    const out: ServerEntry = {
      ...e,
      command: str(e.command, 'command'),
      args: e.args.map((a, i) => str(a, `args[${i}]`)),
      env: map(e.env, 'env'),
    };
    // Claude Code documents no expansion of cwd; the editors resolve every string field.
    if (e.cwd !== undefined && client !== 'claude-code') out.cwd = str(e.cwd, 'cwd');
    if (e.envFile !== undefined) out.envFile = str(e.envFile, 'envFile');
    return { entry: out as T, unresolved };
  }
  const out: ServerEntry = { ...e, url: str(e.url, 'url'), headers: map(e.headers, 'headers') };
  return { entry: out as T, unresolved };
}

function resolverFor(client: ClientId, options: ExpandOptions): Resolver | undefined {
  const lookup = envLookup(options);
  if (client === 'claude-desktop') return undefined;
  if (client === 'gemini-cli') {
    return (name, reference, field, unresolved) => {
      const value = lookup(name);
      if (value !== undefined) return value;
      unresolved.push({ reference, field, reason: 'unset' });
      return reference;
    };
  }
  if (client === 'windsurf') {
    return (inner, reference, field, unresolved) => {
      if (inner.startsWith('env:')) {
        const value = lookup(inner.slice(4));
        if (value !== undefined) return value;
        unresolved.push({ reference, field, reason: 'unset' });
        return '';
      }
      const reason = inner.startsWith('file:') ? 'unsupported' : 'unknown';
      unresolved.push({ reference, field, reason });
      return reference;
    };
  }
  if (client === 'claude-code') {
    return (inner, reference, field, unresolved) => {
      const split = inner.indexOf(':-');
      const name = split === -1 ? inner : inner.slice(0, split);
      const value = lookup(name);
      if (value !== undefined) return value;
      if (split !== -1) return inner.slice(split + 2);
      unresolved.push({ reference, field, reason: 'unset' });
      return reference;
    };
  }
  const p = pathFor(options.platform ?? 'linux');
  const predefined: Record<string, string | undefined> = {
    workspaceFolder: options.cwd,
    workspaceFolderBasename: p.basename(options.cwd),
    userHome: options.homedir,
    pathSeparator: p.sep,
    '/': p.sep,
  };
  return (inner, reference, field, unresolved) => {
    if (inner.startsWith('env:')) {
      const value = lookup(inner.slice(4));
      if (value !== undefined) return value;
      unresolved.push({ reference, field, reason: 'unset' });
      return '';
    }
    const known = predefined[inner];
    if (known !== undefined) return known;
    const reason = inner.startsWith('input:')
      ? client === 'vscode'
        ? 'input'
        : 'unknown'
      : EDITOR_ONLY.test(inner)
        ? 'unsupported'
        : 'unknown';
    unresolved.push({ reference, field, reason });
    return reference;
  };
}

// Variables VS Code resolves from editor state, which a CLI does not have.
const EDITOR_ONLY =
  /^(config:|command:|workspaceFolder:|userHome$|cwd$|file|relativeFile|fileDirname|fileBasename|fileExtname|lineNumber$|selectedText$|execPath$|defaultBuildTask$)/;

function envLookup(options: ExpandOptions): (name: string) => string | undefined {
  if (options.platform !== 'win32') return (name) => options.env[name];
  // Windows environment names are case-insensitive.
  const folded = new Map<string, string>();
  for (const [k, v] of Object.entries(options.env))
    if (v !== undefined) folded.set(k.toUpperCase(), v);
  return (name) => folded.get(name.toUpperCase());
}
