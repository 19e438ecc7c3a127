// What `npm test` and `npm run demo` need beyond Node.js: checked, and where it can be
// done without root, installed into the repository's own .tools/ folder.
//
//   node scripts/tools.mjs test   check tmux, python3 >= 3.10, git; install node_modules, uv and
//                                 pnpm if missing
//   node scripts/tools.mjs demo   check python3 >= 3.10; install uv if missing
//
// On a missing prerequisite that needs root it prints one line saying how to get it and
// exits 1. Tools already on PATH are used as they are.
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, rmSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Where tools installed without root live (gitignored). */
export const TOOLS_DIR = join(ROOT, '.tools');

/** Each installable tool: its bin folder under .tools/ and how to install it there. */
const INSTALLABLE = {
  uv: {
    bin: join(TOOLS_DIR, 'uv', 'bin'),
    // The uv wheel on PyPI carries the uv binary; --target keeps it out of any Python.
    install: (dir) =>
      run('python3', [
        '-m',
        'pip',
        'install',
        '--quiet',
        '--disable-pip-version-check',
        '--no-cache-dir',
        '--target',
        dir,
        'uv',
      ]),
    dir: join(TOOLS_DIR, 'uv'),
  },
  pnpm: {
    bin: join(TOOLS_DIR, 'pnpm', 'node_modules', '.bin'),
    install: (dir) =>
      run('npm', [
        'install',
        '--prefix',
        dir,
        '--no-audit',
        '--no-fund',
        '--no-save',
        '--loglevel=error',
        // Its own cache: installing the tool writes nothing into the home folder.
        '--cache',
        join(TOOLS_DIR, '.npm-cache'),
        'pnpm@10',
      ]),
    dir: join(TOOLS_DIR, 'pnpm'),
  },
};

/** What each command needs: programs only root can install, and tools we install. */
const NEEDS = {
  test: { system: ['tmux', 'python3', 'git'], tools: ['uv', 'pnpm'] },
  demo: { system: ['python3'], tools: ['uv'] },
};

const HOW = {
  tmux: { apt: 'tmux', brew: 'tmux' },
  python3: { apt: 'python3 python3-venv python3-pip', brew: 'python@3.12' },
  git: { apt: 'git', brew: 'git' },
};

function run(command, args) {
  const result = spawnSync(command, args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, PIP_ROOT_USER_ACTION: 'ignore' },
  });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.error?.message ?? result.status})`,
    );
  }
}

/** The absolute path of `command` on `path`, or undefined. */
export function which(command, path = process.env.PATH ?? '') {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const file = join(dir, command);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // Not here.
    }
  }
  return undefined;
}

/** Whether `command --version` works (a pyenv or corepack shim may be on PATH without the tool). */
function runs(command) {
  return spawnSync(command, ['--version'], { stdio: 'ignore', timeout: 30_000 }).status === 0;
}

/** Why python3 is not good enough ('none' when it is missing), or undefined when it is >= 3.10. */
function pythonProblem() {
  if (!which('python3')) return 'none';
  try {
    const version = execFileSync(
      'python3',
      ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    ).trim();
    const [major, minor] = version.split('.').map(Number);
    return major === 3 && minor >= 10 ? undefined : `found ${version}`;
  } catch {
    return 'it does not run';
  }
}

/**
 * The one line saying what `purpose` lacks that only an administrator can install, and
 * how to get it; undefined when nothing is missing.
 */
export function missingSystemTools(purpose) {
  const missing = [];
  const named = [];
  for (const name of NEEDS[purpose].system) {
    if (name === 'python3') {
      const problem = pythonProblem();
      if (problem) {
        missing.push(name);
        named.push(problem === 'none' ? 'python3 >= 3.10' : `python3 >= 3.10 (${problem})`);
      }
    } else if (!which(name)) {
      missing.push(name);
      named.push(name);
    }
  }
  if (missing.length === 0) return undefined;
  const apt = missing.map((name) => HOW[name].apt).join(' ');
  const brew = missing.map((name) => HOW[name].brew).join(' ');
  const command = purpose === 'test' ? 'npm test' : 'npm run demo';
  return `${command} needs ${named.join(', ')}: install with \`sudo apt-get install ${apt}\` (Debian/Ubuntu) or \`brew install ${brew}\` (macOS), then run it again.`;
}

/**
 * Make every tool `purpose` needs runnable: a tool on PATH is used as it is, a missing
 * one is installed into .tools/ once. Returns the .tools/ bin folders to put first on PATH.
 */
export function ensureTools(purpose, log = (line) => console.log(line)) {
  const dirs = [];
  for (const name of NEEDS[purpose].tools) {
    const tool = INSTALLABLE[name];
    if (which(name) && runs(name)) continue;
    if (which(name, tool.bin)) {
      dirs.push(tool.bin);
      continue;
    }
    log(`${name} is not on PATH: installing it into ${tool.dir}`);
    mkdirSync(TOOLS_DIR, { recursive: true });
    rmSync(tool.dir, { recursive: true, force: true });
    try {
      tool.install(tool.dir);
    } catch (error) {
      rmSync(tool.dir, { recursive: true, force: true });
      throw error;
    }
    if (!which(name, tool.bin))
      throw new Error(`installing ${name} left no ${join(tool.bin, name)}`);
    dirs.push(tool.bin);
  }
  return dirs;
}

/** `PATH` with the tool folders `purpose` needs in front. */
export function pathWithTools(purpose, path = process.env.PATH ?? '') {
  const dirs = ensureTools(purpose).filter((dir) => !path.split(delimiter).includes(dir));
  return [...dirs, path].filter(Boolean).join(delimiter);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const purpose = process.argv[2] ?? 'test';
  if (!(purpose in NEEDS)) {
    console.error(`usage: node scripts/tools.mjs [test|demo]`);
    process.exit(2);
  }
  const missing = missingSystemTools(purpose);
  if (missing) {
    console.error(missing);
    process.exit(1);
  }
  try {
    // A fresh clone: the build and the tests need the workspace's own packages first.
    if (purpose === 'test' && !existsSync(join(ROOT, 'node_modules'))) {
      console.log('node_modules is missing: npm ci');
      run('npm', ['ci', '--no-audit', '--no-fund']);
    }
    ensureTools(purpose);
  } catch (error) {
    console.error(
      `Could not install what npm ${purpose === 'test' ? 'test' : 'run demo'} needs (${error.message}): install uv (https://docs.astral.sh/uv/, or python3-pip) and pnpm 10 (npm install --global pnpm@10) yourself, then run it again.`,
    );
    process.exit(1);
  }
}
