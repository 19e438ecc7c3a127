import path from 'node:path';

/** File access for {@link claudeProjectKey}; paths are in the target platform's syntax. */
export interface GitRootFs {
  /** Whether a file or folder exists. */
  exists: (file: string) => boolean;
  /** A file's text, or undefined when it cannot be read. Without it worktrees are not followed. */
  readText?: (file: string) => string | undefined;
}

/**
 * The folder Claude Code keys a project's local-scope settings by: the root of the git
 * repository holding `cwd` (the nearest folder with a `.git` folder or file), with a linked
 * worktree mapped to its main repository; outside a repository, `cwd` itself.
 */
export function claudeProjectKey(cwd: string, platform: NodeJS.Platform, fs: GitRootFs): string {
  const root = findGitRoot(cwd, platform, fs.exists);
  if (root === undefined) return cwd;
  return fs.readText ? mainWorktree(root, platform, fs.readText) : root;
}

/** The nearest folder from `cwd` (absolute) up (filesystem root included) holding a `.git` entry. */
export function findGitRoot(
  cwd: string,
  platform: NodeJS.Platform,
  exists: (file: string) => boolean,
): string | undefined {
  const p = pathFor(platform);
  for (let dir = cwd; ; dir = p.dirname(dir)) {
    if (exists(p.join(dir, '.git'))) return dir;
    if (p.dirname(dir) === dir) return undefined;
  }
}

/**
 * A linked worktree's `.git` file points into `<main>/.git/worktrees/<name>`, whose
 * `commondir` leads back to `<main>/.git` and whose `gitdir` names the worktree again:
 * when all of that holds, the main repository's folder; else `root` (a submodule, whose
 * git folder has no `commondir`, stays itself).
 */
function mainWorktree(
  root: string,
  platform: NodeJS.Platform,
  readText: (file: string) => string | undefined,
): string {
  const p = pathFor(platform);
  const dotGit = readText(p.join(root, '.git'))?.trim();
  if (!dotGit?.startsWith('gitdir:')) return root;
  const gitDir = p.resolve(root, dotGit.slice('gitdir:'.length).trim());
  const common = readText(p.join(gitDir, 'commondir'))?.trim();
  if (!common) return root;
  const commonDir = p.resolve(gitDir, common);
  if (p.dirname(gitDir) !== p.join(commonDir, 'worktrees')) return root;
  const backLink = readText(p.join(gitDir, 'gitdir'))?.trim();
  if (!backLink || p.resolve(gitDir, backLink) !== p.join(root, '.git')) return root;
  return p.basename(commonDir) === '.git' ? p.dirname(commonDir) : commonDir;
}

function pathFor(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}
