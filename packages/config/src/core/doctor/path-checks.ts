// Paths in an entry, checked from the folder the CLIENT starts the server in: relative paths
// (Claude Desktop starts servers in `/`), `~` (no shell expands it), paths that do not exist.
import type { ClientId } from '@mcpkit/shared/client-paths';
import { pathFor } from '@mcpkit/shared/client-paths';
import type { StdioServerEntry } from '@mcpkit/shared/server-entries';
import { suggestNames } from '@mcpkit/shared/suggest';
import { CLIENT_NAMES, commandBase } from './names.js';
import type { DoctorHost } from './host.js';
import type { EntryFix, Finding, FindingLocation, LaunchPlan } from './types.js';

/** What the path checks look at. */
export interface PathCheckInput {
  /** The entry, variables expanded. */
  entry: StdioServerEntry;
  /** How the client would start it. */
  plan: LaunchPlan;
  /** The client whose config the entry is in. */
  client: ClientId;
  /** The machine. */
  host: DoctorHost;
  /** Where the entry is written: every finding points there. */
  location: FindingLocation;
}

// Commands whose bare `server.py`-style arguments are files to run.
const INTERPRETERS =
  /^(node|deno|bun|tsx|ts-node|python|python3(\.\d+)?|py|uv|ruby|perl|bash|sh|zsh|php|java)$/;
// Options whose value is a folder or file: uv's --directory/--project, npm's --prefix…
const PATH_OPTIONS = /^(--directory|--project|--prefix|--dir|--cwd|--config|--env-file|-C)$/;
const SCRIPT_EXT = /\.(py|js|mjs|cjs|ts|mts|cts|sh|rb|pl|php|jar)$/i;

/** One path-valued place in the entry: the command, an argument, or the value of `--x=…`. */
interface PathSlot {
  /** `command`, `args[2]`… */
  field: string;
  value: string;
  /** Builds the edit that writes `absolute` into this place. */
  edit?: (absolute: string) => EntryFix;
  /** The value is known to be a path (after `--directory`), not guessed from its shape. */
  certain: boolean;
}

/** Every finding about paths in a stdio entry (see the file comment). */
export function checkPaths(input: PathCheckInput): Finding[] {
  const findings: Finding[] = [];
  for (const slot of pathSlots(input)) {
    const finding = checkSlot(slot, input);
    if (finding) findings.push(finding);
  }
  findings.push(...checkCwdField(input));
  findings.push(...checkEnvFile(input));
  return findings;
}

function pathSlots({ plan, host }: PathCheckInput): PathSlot[] {
  const slots: PathSlot[] = [];
  const windows = host.platform === 'win32';
  if (/[/\\]/.test(plan.command)) {
    slots.push({
      field: 'command',
      value: plan.command,
      edit: (value) => ({ kind: 'set-command', value }),
      certain: true,
    });
  }
  const interpreter = INTERPRETERS.test(commandBase(plan.command));
  plan.args.forEach((arg, index) => {
    const field = `args[${index}]`;
    const set = (value: string): EntryFix => ({ kind: 'set-arg', index, value });
    const previous = plan.args[index - 1];
    if (previous !== undefined && PATH_OPTIONS.test(previous)) {
      slots.push({ field, value: arg, edit: set, certain: true });
      return;
    }
    const eq = /^(--[\w-]+=)(.+)$/.exec(arg);
    if (eq) {
      const [, option, value] = eq as unknown as [string, string, string];
      if (looksLikePath(value, false, windows)) {
        slots.push({
          field,
          value,
          edit: (abs) => set(option + abs),
          certain: PATH_OPTIONS.test(option.slice(0, -1)),
        });
      }
      return;
    }
    if (windows && /^\/[a-z?]$/i.test(arg)) return; // cmd's /c, /k
    if (!windows && /^\/[^:]*:/.test(arg)) return; // docker's -v /host:/container
    if (looksLikePath(arg, interpreter, windows))
      slots.push({ field, value: arg, edit: set, certain: false });
  });
  return slots;
}

function looksLikePath(arg: string, interpreter: boolean, windows: boolean): boolean {
  if (arg.startsWith('-') || arg.startsWith('@') || arg.includes('://') || arg.length < 2)
    return false;
  if (/^~([/\\]|$)/.test(arg)) return true;
  if (isAbsolute(arg, windows)) return true;
  if (/^\.\.?[/\\]/.test(arg)) return true;
  if (/[/\\]/.test(arg)) return SCRIPT_EXT.test(arg);
  return interpreter && SCRIPT_EXT.test(arg);
}

function isAbsolute(file: string, windows: boolean): boolean {
  return windows ? /^([A-Za-z]:[\\/]|\\\\)/.test(file) : file.startsWith('/');
}

function checkSlot(slot: PathSlot, input: PathCheckInput): Finding | undefined {
  const { plan, client, host, location } = input;
  const p = pathFor(host.platform);
  const windows = host.platform === 'win32';
  const name = CLIENT_NAMES[client];
  const shown = JSON.stringify(slot.value);
  if (/^~([/\\]|$)/.test(slot.value)) {
    const absolute = p.join(host.homedir, slot.value.slice(1));
    return {
      code: 'tilde-path',
      severity: 'error',
      message: `${slot.field} ${shown} starts with ~, which ${name} passes as it is`,
      why: 'no shell runs between the client and the server, so nothing expands ~ to your home folder',
      fix: `write the absolute path: ${JSON.stringify(absolute)}`,
      edits: slot.edit ? [slot.edit(absolute)] : undefined,
      location,
    };
  }
  if (isAbsolute(slot.value, windows)) {
    if (host.exists(slot.value)) {
      return {
        code: 'path-exists',
        severity: 'ok',
        message: `path exists: ${slot.value}`,
        location,
      };
    }
    return missing(slot, input);
  }
  // Relative: the client resolves it against its own folder.
  const fromClient = p.resolve(plan.cwd, slot.value);
  const fromHere = p.resolve(host.cwd, slot.value);
  if (plan.cwd === host.cwd) {
    if (host.exists(fromClient)) {
      return {
        code: 'path-exists',
        severity: 'ok',
        message: `path exists: ${slot.value} (from ${plan.cwd})`,
        location,
      };
    }
    if (!slot.certain && slot.field !== 'command') return undefined;
  }
  const existsHere = host.exists(fromHere);
  return {
    code: 'relative-path',
    severity: 'error',
    message: `${slot.field} ${shown} is a relative path and ${name} starts servers in ${plan.cwd}`,
    why: existsHere
      ? `the server would look for ${fromClient}, not ${fromHere}`
      : `it does not exist in ${plan.cwd}${plan.cwd === host.cwd ? '' : ` nor in ${host.cwd}`}`,
    fix: existsHere
      ? `write the absolute path: ${JSON.stringify(fromHere)}`
      : 'write the absolute path of the file',
    edits: existsHere && slot.edit ? [slot.edit(fromHere)] : undefined,
    location,
  };
}

/** An absolute path that does not exist: the nearest folder that does, and a close name. */
function missing(slot: PathSlot, input: PathCheckInput): Finding {
  const { host, location } = input;
  const p = pathFor(host.platform);
  let parent = p.dirname(slot.value);
  while (!host.exists(parent) && p.dirname(parent) !== parent) parent = p.dirname(parent);
  const leaf = p.basename(slot.value);
  const direct = p.dirname(slot.value) === parent;
  const close = direct ? suggestNames(leaf, host.listDir(parent)) : [];
  const guess = close[0] === undefined ? undefined : p.join(parent, close[0]);
  return {
    code: 'path-missing',
    severity: 'error',
    message: `${slot.field} ${JSON.stringify(slot.value)} does not exist`,
    why: `the nearest existing folder is ${parent}${guess ? `; did you mean ${guess}?` : ''}`,
    fix: guess
      ? `write ${JSON.stringify(guess)} if that is the file meant, or create ${slot.value}`
      : `create ${slot.value}, or write the path where the file is`,
    location,
  };
}

/** VS Code's `envFile`: a missing file stops the server from starting. */
function checkEnvFile(input: PathCheckInput): Finding[] {
  const { entry, host } = input;
  if (entry.envFile === undefined || host.exists(entry.envFile)) return [];
  return [missing({ field: 'envFile', value: entry.envFile, certain: true }, input)];
}

/** The entry's own `cwd`: it must be absolute and exist (no safe edit: `--fix` leaves it). */
function checkCwdField({ entry, host, location, client }: PathCheckInput): Finding[] {
  if (entry.cwd === undefined) return [];
  const windows = host.platform === 'win32';
  if (!isAbsolute(entry.cwd, windows)) {
    return [
      {
        code: 'relative-path',
        severity: 'error',
        message: `cwd ${JSON.stringify(entry.cwd)} is a relative path`,
        why: `${CLIENT_NAMES[client]} resolves it against a folder of its own choosing`,
        fix: `write the absolute folder: ${JSON.stringify(pathFor(host.platform).resolve(host.cwd, entry.cwd))}`,
        location,
      },
    ];
  }
  if (host.exists(entry.cwd)) {
    return [{ code: 'path-exists', severity: 'ok', message: `cwd exists: ${entry.cwd}`, location }];
  }
  return [
    missing({ field: 'cwd', value: entry.cwd, certain: true }, {
      entry,
      host,
      location,
      client,
    } as PathCheckInput),
  ];
}
