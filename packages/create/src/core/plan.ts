import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { usageError } from './errors.js';
import { checkProjectName, deriveProjectName } from './name.js';
import {
  DEFAULT_DIRECTORY,
  DEFAULT_TEMPLATE,
  findTemplate,
  TEMPLATES,
  TRANSPORTS,
  type PackageManager,
  type TemplateInfo,
  type TransportName,
} from './templates.js';

/** Options as given on the command line (or by the wizard); anything may be missing. */
export interface CreateChoices {
  /** Project folder, relative to the working directory or absolute. */
  directory?: string;
  /** Template name. */
  template?: string;
  /** Project (package and server) name. */
  name?: string;
  /** Default transport of the generated server. */
  transport?: string;
  /** Package manager. */
  pm?: string;
  /** Install dependencies after scaffolding. */
  install?: boolean;
  /** Initialise a git repository with a first commit. */
  git?: boolean;
  /** Write into a non-empty folder. */
  force?: boolean;
  /** Also add the server to this client's config (claude-desktop, claude-code, cursor, vscode, windsurf, gemini-cli). */
  register?: string;
}

/** What the machine offers, passed in so tests can vary it. */
export interface CreateEnvironment {
  /** Working directory the folder argument is relative to. */
  cwd: string;
  /** Process environment (PATH, npm_config_user_agent, ...). */
  env: NodeJS.ProcessEnv;
  /** Operating system. */
  platform: NodeJS.Platform;
  /** Absolute path of a command on PATH, or undefined. */
  which: (command: string) => string | undefined;
  /** The user's home folder (client configs live under it). */
  homedir: string;
}

/** A complete, checked description of what to create. */
export interface CreatePlan {
  /** Absolute project folder. */
  targetDir: string;
  /** The folder as the person should type it after `cd`. */
  displayDir: string;
  template: TemplateInfo;
  /** Set when no template was given and the package manager decided it (`--pm npm` → typescript). */
  templateFromPm?: PackageManager;
  name: string;
  /** Set when the name was derived from the folder name rather than given. */
  derivedNameFrom?: string;
  transport: TransportName;
  packageManager: PackageManager;
  /** Set when the package manager was not the one asked for or preferred, and why. */
  packageManagerNote?: string;
  install: boolean;
  git: boolean;
  force: boolean;
  /** Client to register the server with, if any. */
  register?: string;
  /** Absolute path of `uv` when found (written into client configs). */
  uvPath?: string;
  /** Python interpreter used to create a venv for pip. */
  python: string;
}

/** Check the values that were given, without filling in defaults. Throws a usage error. */
export function checkChoices(choices: CreateChoices): void {
  if (choices.template !== undefined && !findTemplate(choices.template)) {
    throw usageError(
      `Unknown template "${choices.template}".`,
      `Use one of: ${TEMPLATES.map((t) => t.name).join(', ')}.`,
    );
  }
  if (choices.transport !== undefined && !TRANSPORTS.includes(choices.transport as TransportName)) {
    throw usageError(
      `Unknown transport "${choices.transport}".`,
      'Use --transport stdio or --transport http.',
    );
  }
  const template = choices.template === undefined ? undefined : findTemplate(choices.template);
  if (choices.pm !== undefined) {
    const allowed = template ? template.packageManagers : ['uv', 'pip', 'npm', 'pnpm'];
    if (!allowed.includes(choices.pm as PackageManager)) {
      if (!template) {
        throw usageError(
          `Unknown package manager "${choices.pm}".`,
          `Use --pm ${allowed.join(' or --pm ')}.`,
        );
      }
      const others = templatesFor(choices.pm as PackageManager).map((t) => `-t ${t.name}`);
      throw usageError(
        `The ${template.name} template cannot be installed with "${choices.pm}".`,
        `Use --pm ${allowed.join(' or --pm ')}, or ${others.join(' or ')} for a ${choices.pm === 'npm' || choices.pm === 'pnpm' ? 'Node' : 'Python'} project.`,
      );
    }
  }
  if (choices.name !== undefined) {
    const problem = checkProjectName(choices.name, template);
    if (problem) {
      throw usageError(
        `Invalid name "${choices.name}": ${problem}.`,
        `Try --name ${deriveProjectName(choices.name)}.`,
      );
    }
  }
}

/**
 * Fill in defaults and check everything against the machine: the folder can be written,
 * the package manager exists. Throws a {@link CliError} naming what is wrong and the fix.
 */
export function resolvePlan(choices: CreateChoices, environment: CreateEnvironment): CreatePlan {
  checkChoices(choices);
  const template = defaultTemplate(choices);
  const templateFromPm =
    choices.template === undefined && template.name !== DEFAULT_TEMPLATE
      ? (choices.pm as PackageManager)
      : undefined;
  const directory = choices.directory ?? choices.name ?? DEFAULT_DIRECTORY;
  const targetDir = resolve(environment.cwd, directory);
  const folderName = basename(targetDir);

  let name = choices.name;
  let derivedNameFrom: string | undefined;
  if (name !== undefined) {
    // checkChoices could not know the template when it was left to its default.
    const problem = checkProjectName(name, template);
    if (problem) throw usageError(`Invalid name "${name}": ${problem}.`, `Choose another --name.`);
  } else {
    name = deriveProjectName(folderName);
    if (name !== folderName) derivedNameFrom = folderName;
    const problem = checkProjectName(name, template);
    if (problem) {
      throw usageError(
        `The folder name "${folderName}" makes an invalid project name: ${problem}.`,
        'Pass --name.',
      );
    }
  }

  checkTargetDir(targetDir, choices.force ?? false);
  const install = choices.install ?? true;
  const uvPath = environment.which('uv');
  const python = findPython(environment);
  const { packageManager, note } = choosePackageManager(template, choices.pm, environment, uvPath);
  if (install) checkPackageManager(packageManager, environment, uvPath, python);

  return {
    targetDir,
    displayDir: directory,
    template,
    templateFromPm,
    name,
    derivedNameFrom,
    transport: (choices.transport as TransportName | undefined) ?? 'stdio',
    packageManager,
    packageManagerNote: note,
    install,
    git: choices.git ?? environment.which('git') !== undefined,
    force: choices.force ?? false,
    register: choices.register,
    uvPath,
    python: python ?? 'python3',
  };
}

/**
 * The templates a package manager can install, in the wizard's order (`npm` → typescript;
 * `uv` → python, fastmcp). Every template when `pm` is undefined.
 */
export function templatesFor(pm: PackageManager | undefined): TemplateInfo[] {
  return TEMPLATES.filter((t) => pm === undefined || t.packageManagers.includes(pm));
}

/**
 * The template `choices` ask for: the given one, else the first that the given package
 * manager can install (someone asking for npm wants a Node project), else the default.
 */
export function defaultTemplate(choices: CreateChoices): TemplateInfo {
  if (choices.template !== undefined) return findTemplate(choices.template) ?? TEMPLATES[0]!;
  const fitting = templatesFor(choices.pm as PackageManager | undefined);
  const preferred = findTemplate(DEFAULT_TEMPLATE) ?? TEMPLATES[0]!;
  return fitting.includes(preferred) ? preferred : (fitting[0] ?? preferred);
}

function choosePackageManager(
  template: TemplateInfo,
  requested: string | undefined,
  environment: CreateEnvironment,
  uvPath: string | undefined,
): { packageManager: PackageManager; note?: string } {
  if (requested !== undefined) return { packageManager: requested as PackageManager };
  if (template.language === 'python') {
    if (uvPath) return { packageManager: 'uv' };
    return {
      packageManager: 'pip',
      note: 'uv was not found on PATH, so the project uses pip and a .venv (install uv for faster installs: https://docs.astral.sh/uv/).',
    };
  }
  const agent = environment.env.npm_config_user_agent ?? '';
  return { packageManager: agent.startsWith('pnpm/') ? 'pnpm' : 'npm' };
}

function checkPackageManager(
  packageManager: PackageManager,
  environment: CreateEnvironment,
  uvPath: string | undefined,
  python: string | undefined,
): void {
  const skipHint = 'Or pass --no-install to only write the files.';
  if (packageManager === 'uv' && !uvPath) {
    throw usageError(
      'uv is not installed (not found on PATH).',
      `Install it (\`python3 -m pip install uv\`, or see https://docs.astral.sh/uv/), or use --pm pip. ${skipHint}`,
    );
  }
  if (packageManager === 'pip' && !python) {
    throw usageError(
      'Python 3 was not found on PATH (looked for python3 and python).',
      `Install Python 3.10 or newer. ${skipHint}`,
    );
  }
  if (
    (packageManager === 'npm' || packageManager === 'pnpm') &&
    !environment.which(packageManager)
  ) {
    throw usageError(
      `${packageManager} is not installed (not found on PATH).`,
      packageManager === 'pnpm'
        ? `Install it (\`npm install -g pnpm\`), or use --pm npm. ${skipHint}`
        : `Install Node.js with npm. ${skipHint}`,
    );
  }
}

function findPython(environment: CreateEnvironment): string | undefined {
  const names =
    environment.platform === 'win32' ? ['python', 'py', 'python3'] : ['python3', 'python'];
  for (const name of names) {
    const found = environment.which(name);
    if (found) return found;
  }
  return undefined;
}

/** A problem with the project folder: what is wrong and how to fix it. */
export interface DirectoryProblem {
  message: string;
  hint: string;
}

/**
 * Why `targetDir` cannot receive a project, or undefined when it can: it is a file, a
 * non-empty folder (unless `force`), under a file, or not writable.
 */
export function findDirectoryProblem(
  targetDir: string,
  force: boolean,
): DirectoryProblem | undefined {
  if (existsSync(targetDir)) {
    if (!statSync(targetDir).isDirectory()) {
      return {
        message: `${targetDir} exists and is not a folder.`,
        hint: 'Choose another folder name.',
      };
    }
    const entries = readdirSync(targetDir).filter(
      (entry) => entry !== '.git' && entry !== '.DS_Store',
    );
    if (entries.length > 0 && !force) {
      return {
        message: `The folder ${targetDir} is not empty (${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}).`,
        hint: 'Choose another folder, or pass --force to write into it (files of the same name are replaced; copies are kept under ~/.mcpkit/backups/create).',
      };
    }
  }
  let existing = dirname(targetDir);
  while (!existsSync(existing)) existing = dirname(existing);
  if (!statSync(existing).isDirectory()) {
    return {
      message: `Cannot create ${targetDir}: ${existing} is a file.`,
      hint: 'Choose another folder.',
    };
  }
  try {
    accessSync(existing, constants.W_OK);
  } catch {
    return {
      message: `Cannot write to ${existing} (permission denied).`,
      hint: 'Choose a folder you can write to.',
    };
  }
  return undefined;
}

/** The wizard's check of a typed folder: one line, or undefined when it is fine. */
export function checkProjectDirectory(directory: string, cwd: string): string | undefined {
  const problem = findDirectoryProblem(resolve(cwd, directory), false);
  return problem && `${problem.message} ${problem.hint}`;
}

function checkTargetDir(targetDir: string, force: boolean): void {
  const problem = findDirectoryProblem(targetDir, force);
  if (problem) throw usageError(problem.message, problem.hint);
}
