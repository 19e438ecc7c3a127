import path from 'node:path';

// Where version managers and per-user installs put commands; none of them is on the
// PATH a GUI app starts with. Matched against the path with forward slashes.
const TOOL_DIRS: [RegExp, string][] = [
  [/\/\.nvm\//, 'nvm'],
  [/\/\.volta\//, 'Volta'],
  [/\/\.asdf\//, 'asdf'],
  [/\/(\.fnm|fnm_multishells|\.local\/share\/fnm|Application Support\/fnm)\//, 'fnm'],
  [/\/\.local\/share\/mise\/|\/\.mise\//, 'mise'],
  [/\/\.nodenv\//, 'nodenv'],
  [/\/\.pyenv\//, 'pyenv'],
  [/\/\.rbenv\//, 'rbenv'],
  [/^\/opt\/homebrew\/|^\/home\/linuxbrew\/|^\/usr\/local\/(Cellar|Homebrew)\//, 'Homebrew'],
  [/\/\.bun\//, 'Bun'],
  [/\/\.deno\//, 'Deno'],
  [/\/\.cargo\/bin\//, 'cargo'],
];

/**
 * Names the version manager or user folder a command lives in ("nvm", "~/.local/bin"…),
 * or undefined for a system folder.
 */
export function describeToolDir(file: string, homedir: string): string | undefined {
  const slashed = file.replace(/\\/g, '/');
  for (const [pattern, name] of TOOL_DIRS) if (pattern.test(slashed)) return name;
  const home = homedir.replace(/\\/g, '/').replace(/\/+$/, '');
  if (home !== '' && slashed.startsWith(`${home}/`)) {
    return `~/${path.posix.dirname(slashed.slice(home.length + 1))}`;
  }
  return undefined;
}

/** Folders a GUI app's PATH holds on macOS and Linux (launchd's and systemd's defaults). */
export const GUI_PATH = ['/usr/local/bin', '/usr/bin', '/bin', '/usr/sbin', '/sbin'];

/**
 * The interpreter an `#!/usr/bin/env NAME` script asks for, e.g. `node` for npx; undefined
 * for binaries and scripts with a fixed interpreter path.
 */
export function envShebang(head: string): string | undefined {
  const match = /^#!\s*\/usr\/bin\/env\s+(?:-S\s+)?([^\s]+)/.exec(head);
  return match?.[1];
}

// npm-style shims on Windows are .cmd batch files, which a client spawning without a
// shell cannot start; they run through `cmd /c`.
const WINDOWS_SHIMS = new Set([
  'npx',
  'npm',
  'pnpm',
  'pnpx',
  'yarn',
  'yarnpkg',
  'corepack',
  'bunx',
  'tsx',
  'ts-node',
]);

/** Whether a Windows command needs `cmd /c`: a known npm-style shim, or a .cmd/.bat file. */
export function needsCmdWrapper(command: string, resolved?: string): boolean {
  const base = path.win32.basename(command).toLowerCase();
  if (/\.(cmd|bat)$/.test(base) || /\.(cmd|bat)$/i.test(resolved ?? '')) return true;
  return WINDOWS_SHIMS.has(base.replace(/\.exe$/, ''));
}
