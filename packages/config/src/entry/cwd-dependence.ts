import path from 'node:path';

/** What checking an entry for the current folder needs. */
export interface CwdCheckOptions {
  /** The command as typed (before any PATH lookup). */
  command: string;
  /** Its arguments, relative paths that exist already made absolute where allowed. */
  args: readonly string[];
  /** The folder `mcp-config add` runs in. */
  cwd: string;
  /** Whether a path exists on this machine. */
  exists: (file: string) => boolean;
  /**
   * Whether the entry may be anchored to `cwd`: the config is for this machine and not a
   * shared project file (an absolute path there only works for whoever added it).
   */
  anchor: boolean;
  /** Whether the config is for this machine: `cwd` means nothing on another one. */
  sameMachine: boolean;
  /** Platform the config is for, to quote the suggested command. */
  platform: NodeJS.Platform;
  /** The client's display name. */
  client: string;
}

/** The entry's command and arguments after the safe fixes, and what to tell the person. */
export interface CwdCheckResult {
  args: string[];
  /** Fixes that were applied (printed like the other notes). */
  notes: string[];
  /** What still depends on the current folder, each with its exact fix (printed on stderr). */
  warnings: string[];
}

// Clients start servers in a folder of their own choosing (Claude Desktop on macOS: /),
// never in the one `add` ran in. These commands find their project from the folder they
// start in, unless told where it is.
const PROJECT_FLAGS: Record<string, RegExp> = {
  uv: /^--(directory|project)(=|$)/,
  npm: /^(--prefix(=|$)|-C$)/,
  pnpm: /^(--dir(=|$)|-C$)/,
  yarn: /^--cwd(=|$)/,
  bun: /^--cwd(=|$)/,
};
/** The flag each of them is told with, meaning "as if started in this folder". */
const PROJECT_FLAG_NAMES: Record<string, string> = {
  uv: '--directory',
  npm: '--prefix',
  pnpm: '--dir',
  yarn: '--cwd',
  bun: '--cwd',
};
const SCRIPT_COMMANDS: Record<string, readonly string[]> = {
  npm: ['run', 'run-script', 'rum', 'urn', 'start', 'test', 'exec', 'x'],
  pnpm: ['run', 'start', 'test', 'exec'],
  yarn: ['run', 'start', 'test', 'exec', 'node'],
  bun: ['run'],
};
const PACKAGE_RUNNERS = new Set(['npx', 'pnpx', 'bunx']);
const PYTHONS = /^(python|python3(\.\d+)?|py)$/;
const INTERPRETERS =
  /^(node|deno|bun|tsx|ts-node|python|python3(\.\d+)?|py|ruby|perl|bash|sh|zsh)$/;

/**
 * Finds what in a local server's entry resolves against the current folder — `uv run`
 * without `--directory`, `npm run` without `--prefix`, a local `npx` bin, `python -m` of a
 * module in this folder, a relative path that does not exist here — and, where the fix is
 * unambiguous and the entry may be anchored here, applies it: `uv run` becomes
 * `uv --directory <cwd> run`, `pnpm run` becomes `pnpm --dir <cwd> run` (both mean "as if
 * started in <cwd>"). Everything else is a warning naming the exact command to use instead.
 */
export function checkCwdDependence(o: CwdCheckOptions): CwdCheckResult {
  const notes: string[] = [];
  const warnings: string[] = [];
  let args = [...o.args];
  const base = commandName(o.command);
  const show = (argv: readonly string[]) => showCommand([o.command, ...argv], o.platform);
  const where = o.sameMachine ? o.cwd : '<the project folder on that machine>';
  const startsElsewhere = `${o.client} starts servers in a folder of its own, not in ${o.sameMachine ? o.cwd : 'this one'}`;

  const subcommand = firstWord(args);
  if (
    base in PROJECT_FLAGS &&
    !args.some((arg) => PROJECT_FLAGS[base]!.test(arg)) &&
    ((base === 'uv' &&
      subcommand?.word === 'run' &&
      !args.includes('--no-project') &&
      !args.includes('--script')) ||
      (base !== 'uv' && SCRIPT_COMMANDS[base]?.includes(subcommand?.word ?? '')))
  ) {
    const fixed = [PROJECT_FLAG_NAMES[base]!, where, ...args];
    const what = `${base} ${subcommand!.word}`;
    if (o.anchor && (base === 'uv' || base === 'pnpm')) {
      notes.push(
        `Wrote "${show(fixed.slice(0, 3))} …": ${startsElsewhere}, where "${what}" would not find this project.`,
      );
      args = fixed;
    } else {
      warnings.push(
        `Warning: "${what}" looks for the project in the folder it starts in, and ${startsElsewhere}. Add it with: ${show(fixed)}`,
      );
    }
  }

  if (PACKAGE_RUNNERS.has(base)) {
    const pkg = firstWord(args)?.word;
    const bin = pkg && path.join(o.cwd, 'node_modules', '.bin', pkg);
    if (bin && o.exists(bin)) {
      warnings.push(
        `Warning: "${base} ${pkg}" runs the ${pkg} installed in ${o.cwd}/node_modules only when started there, and ${startsElsewhere}. Add it with: ${showCommand([o.anchor ? bin : `${where}/node_modules/.bin/${pkg}`, ...args.slice(firstWord(args)!.index + 1)], o.platform)}`,
      );
    }
  }

  if (PYTHONS.test(base)) {
    const m = args.indexOf('-m');
    const module = m >= 0 ? args[m + 1] : undefined;
    const top = module?.split('.')[0];
    if (top && (o.exists(path.join(o.cwd, `${top}.py`)) || o.exists(path.join(o.cwd, top)))) {
      warnings.push(
        `Warning: "${base} -m ${module}" imports ${top} from the folder it starts in, and ${startsElsewhere}. Add it with --env PYTHONPATH=${where} (or run it through uv --directory ${where} run).`,
      );
    }
  }

  // A path that does not exist here was kept as typed; the client will resolve it
  // against its own folder.
  const candidates = [
    ...(/[/\\]/.test(o.command) ? [o.command] : []),
    ...(INTERPRETERS.test(base) ? args : []),
  ];
  const missing = candidates.filter(
    (arg) => looksLikeRelativePath(arg) && !o.exists(path.resolve(o.cwd, arg)),
  );
  for (const file of missing) {
    warnings.push(
      `Warning: "${file}" is a relative path and does not exist in ${o.cwd}; ${o.client} would look for it in the folder it starts in. Create it first, or pass its absolute path.`,
    );
  }
  return { args, notes, warnings };
}

/** `uv` for `/usr/local/bin/uv`, `C:\…\npm.cmd` or `UV.EXE`. */
function commandName(command: string): string {
  return path.win32
    .basename(command)
    .toLowerCase()
    .replace(/\.(exe|cmd|bat)$/, '');
}

/** The first argument that is neither an option nor an option's value (`uv --color never run`). */
function firstWord(args: readonly string[]): { word: string; index: number } | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') return undefined;
    if (arg.startsWith('-')) {
      // Options that take a separate value: skip it too.
      if (
        /^(--(directory|project|prefix|dir|cwd|color|python|cache-dir|config-file|package|from|with)|-[Cp])$/.test(
          arg,
        )
      )
        i++;
      continue;
    }
    return { word: arg, index: i };
  }
  return undefined;
}

function looksLikeRelativePath(arg: string): boolean {
  if (
    arg.startsWith('-') ||
    arg.includes('://') ||
    path.isAbsolute(arg) ||
    path.win32.isAbsolute(arg)
  ) {
    return false;
  }
  return (
    /^\.\.?[/\\]/.test(arg) || /[/\\]/.test(arg) || /\.(py|js|mjs|cjs|ts|mts|sh|rb|pl)$/i.test(arg)
  );
}

/** A command line to paste into a shell: arguments quoted only when they need it. */
export function showCommand(argv: readonly string[], platform: NodeJS.Platform): string {
  return argv
    .map((arg) => {
      if (/^[\p{L}\p{N}_@%+=:,./\\-]+$/u.test(arg)) return arg;
      if (platform === 'win32') return `"${arg.replace(/"/g, '""')}"`;
      return `'${arg.replace(/'/g, `'\\''`)}'`;
    })
    .join(' ');
}
