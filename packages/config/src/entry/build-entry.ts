import path from 'node:path';
import type { ClientId, ConfigScope } from '@mcpkit/shared/client-paths';
import { usageError } from '../errors.js';
import { CLIENT_NAMES } from '../target/targets.js';
import { findOnPath, type CommandLookup } from '@mcpkit/shared/which';
import { describeToolDir, envShebang, GUI_PATH, needsCmdWrapper } from './resolve-command.js';
import { checkCwdDependence } from './cwd-dependence.js';

/** This machine, as far as building an entry needs it. */
export interface LocalMachine extends CommandLookup {
  /** Home directory, to tell user folders apart. */
  homedir: string;
  /** Directory relative paths are resolved against. */
  cwd: string;
  /** Whether a path exists. */
  exists: (file: string) => boolean;
  /** The first bytes of a file as text ('' when unreadable), to read a shebang. */
  readHead: (file: string) => string;
}

/** What `add` was asked to register. */
export interface BuildEntryOptions {
  /** Client the entry is for: decides its shape. */
  client: ClientId;
  /** Scope written to; project files are shared, so their paths stay relative. */
  scope: ConfigScope;
  /** A local server: the command and its arguments. */
  command?: readonly string[];
  /** A remote server's URL. */
  url?: string;
  /** Request headers of a remote server. */
  headers: Readonly<Record<string, string>>;
  /** Environment variables of a local server. */
  env: Readonly<Record<string, string>>;
  /** Platform the config is for (--platform). */
  platform: NodeJS.Platform;
  /** Look the command up on PATH for clients that do not have the shell's (default true). */
  resolveCommand: boolean;
  /** This machine. */
  machine: LocalMachine;
}

/** The entry to write, and what the person should know about how it was built. */
export interface BuiltEntry {
  /** The JSON value to store under the server's name. */
  entry: Record<string, unknown>;
  /** One line each: rewrites made so the client can run the entry. */
  notes: string[];
  /**
   * One line each: what will still not run the same from the client, with the exact fix
   * (for the standard error stream).
   */
  warnings: string[];
}

// Apps started from the Dock, Start menu or a desktop launcher get the login session's
// PATH, not the one the shell builds from ~/.zshrc or ~/.bashrc. Claude Code and Gemini CLI
// run in the shell; VS Code resolves the shell environment itself at start-up.
const GUI_CLIENTS = new Set<ClientId>(['claude-desktop', 'cursor', 'windsurf']);

/** Builds a server entry in the client's own shape, made runnable by that client. */
export function buildEntry(o: BuildEntryOptions): BuiltEntry {
  const notes: string[] = [];
  const hasCommand = o.command !== undefined && o.command.length > 0;
  if (hasCommand && o.url !== undefined) {
    throw usageError(
      'Give either a command after -- or --url, not both.',
      'Local server: add NAME -- command args...; remote server: add NAME --url URL',
    );
  }
  if (!hasCommand && o.url === undefined) {
    throw usageError(
      'No server given.',
      'Local server: mcp-config add NAME -- command args...; remote server: mcp-config add NAME --url URL',
    );
  }
  if (o.url !== undefined && o.client !== 'claude-desktop') {
    if (Object.keys(o.env).length > 0) {
      throw usageError('--env is for local servers; a remote server takes --header.');
    }
    return { entry: remoteEntry(o.client, o.url, o.headers), notes, warnings: [] };
  }
  if (o.url === undefined && Object.keys(o.headers).length > 0) {
    throw usageError('--header is for remote servers (--url); a local server takes --env.');
  }

  let command: string;
  let args: string[];
  const env: Record<string, string> = { ...o.env };
  if (o.url !== undefined) {
    // Claude Desktop skips "url" entries in its config file; mcp-remote speaks stdio to
    // it and HTTP to the server. Header values go through env so that spaces survive
    // the Windows launch and the secrets are masked like any env value.
    command = 'npx';
    args = ['-y', 'mcp-remote', o.url];
    for (const [name, value] of Object.entries(o.headers)) {
      const variable = `MCP_REMOTE_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
      args.push('--header', `${name}:\${${variable}}`);
      env[variable] = value;
    }
    notes.push(
      `Claude Desktop only starts local (stdio) servers from this file, so the entry runs the mcp-remote bridge: npx -y mcp-remote ${o.url}` +
        (Object.keys(o.headers).length > 0 ? ' (header values are passed through env)' : '') +
        '. Remote servers can also be added in Claude Desktop under Settings → Connectors.',
    );
  } else {
    [command, ...args] = o.command as [string, ...string[]];
  }

  const sameMachine = o.platform === o.machine.platform;
  // Project files are shared (and the client starts servers in the project), so their
  // paths stay as typed; everywhere else relative paths would depend on the client's cwd.
  const localize = sameMachine && o.scope !== 'project';
  if (localize) args = args.map((arg) => absolutizeArg(arg, o.machine));
  const name = CLIENT_NAMES[o.client];
  const warnings: string[] = [];
  if (hasCommand) {
    const checked = checkCwdDependence({
      command,
      args,
      cwd: o.machine.cwd,
      exists: o.machine.exists,
      anchor: localize,
      sameMachine,
      platform: o.platform,
      client: name,
    });
    args = checked.args;
    notes.push(...checked.notes);
    warnings.push(...checked.warnings);
  }

  if (hasSeparator(command)) {
    if (localize && !path.isAbsolute(command)) {
      const absolute = path.resolve(o.machine.cwd, command);
      if (o.machine.exists(absolute)) command = absolute;
    }
  } else if (o.platform === 'win32') {
    // Windows apps get the PATH from the registry, not from a shell profile: no lookup.
  } else if (o.resolveCommand && GUI_CLIENTS.has(o.client)) {
    if (!sameMachine) {
      notes.push(
        `Kept "${command}" as typed: --platform ${o.platform} is not this machine, so it cannot be looked up here; ${name} may need its absolute path.`,
      );
    } else {
      const found = findOnPath(command, o.machine);
      if (!found) {
        notes.push(
          `Warning: "${command}" is not on your PATH, so it was written as typed; ${name} will not start it unless it is on ${name}'s own PATH.`,
        );
      } else {
        const where = describeToolDir(found, o.machine.homedir);
        notes.push(
          `Wrote ${found} because ${name} does not see your shell's PATH` +
            (where ? ` (${command} comes from ${where}).` : '.'),
        );
        const interpreter = where ? envShebang(o.machine.readHead(found)) : undefined;
        const dir = path.dirname(found);
        if (
          interpreter &&
          env.PATH === undefined &&
          o.machine.isExecutable(path.join(dir, interpreter))
        ) {
          env.PATH = [dir, ...GUI_PATH].join(':');
          notes.push(
            `Set PATH in its env to start with ${dir}: ${command} runs "${interpreter}" through /usr/bin/env, and ${name} would otherwise find another ${interpreter}, or none.`,
          );
        }
        command = found;
      }
    }
  }

  if (o.platform === 'win32' && !/^cmd(\.exe)?$/i.test(command)) {
    const resolved = sameMachine ? findOnPath(command, o.machine) : undefined;
    if (needsCmdWrapper(command, resolved)) {
      args = ['/c', command, ...args];
      notes.push(
        `Wrote "cmd /c ${command} …": ${command} is a .cmd script on Windows, which ${name} cannot start directly.`,
      );
      command = 'cmd';
    }
  }
  return { entry: stdioEntry(o.client, command, args, env), notes, warnings };
}

function hasSeparator(command: string): boolean {
  return command.includes('/') || command.includes('\\');
}

/**
 * A relative argument naming something that exists (`server.py`, `./build/index.js`, `.`)
 * becomes absolute; flags, URLs, package names and plain words stay as typed.
 */
function absolutizeArg(arg: string, machine: LocalMachine): string {
  // `--from=.`, `--config=./settings.json`: the value after `=` is a path as well.
  const option = /^(--?[\w-]+=)(.+)$/.exec(arg);
  if (option) return option[1]! + absolutizeArg(option[2]!, machine);
  if (arg.startsWith('-') || arg.includes('://') || path.isAbsolute(arg)) return arg;
  if (!/[./\\]/.test(arg)) return arg;
  const absolute = path.resolve(machine.cwd, arg);
  return machine.exists(absolute) ? absolute : arg;
}

function stdioEntry(
  client: ClientId,
  command: string,
  args: string[],
  env: Record<string, string>,
): Record<string, unknown> {
  const withEnv = Object.keys(env).length > 0 ? { env } : {};
  switch (client) {
    case 'claude-code':
      // The shape `claude mcp add` itself writes: type and env always present.
      return { type: 'stdio', command, args, env };
    case 'vscode':
      return { type: 'stdio', command, args, ...withEnv };
    default:
      return { command, args, ...withEnv };
  }
}

function remoteEntry(
  client: ClientId,
  url: string,
  headers: Readonly<Record<string, string>>,
): Record<string, unknown> {
  const withHeaders = Object.keys(headers).length > 0 ? { headers: { ...headers } } : {};
  switch (client) {
    case 'cursor':
      // Cursor tells a remote server by its "url".
      return { url, ...withHeaders };
    case 'windsurf':
      return { serverUrl: url, ...withHeaders };
    case 'gemini-cli':
      // httpUrl is Streamable HTTP in every Gemini CLI version; {type, url} only in newer ones.
      return { httpUrl: url, ...withHeaders };
    default:
      // Claude Code and VS Code want the type.
      return { type: 'http', url, ...withHeaders };
  }
}
