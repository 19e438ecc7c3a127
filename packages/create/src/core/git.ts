import type { CommandRunner } from './runner.js';

/** The outcome of {@link initGitRepository}. */
export type GitResult =
  | { status: 'committed' }
  | { status: 'skipped'; reason: string }
  | { status: 'initialized'; reason: string };

/**
 * `git init` the project and make a first commit. Skipped inside an existing work tree
 * (the project is then part of that repository). When git has no identity configured,
 * the repository is initialised with everything staged and the reason is returned.
 */
export async function initGitRepository(
  projectDir: string,
  env: NodeJS.ProcessEnv,
  runner: CommandRunner,
): Promise<GitResult> {
  const run = (...args: string[]) => runner.run('git', args, { cwd: projectDir, env });
  const inside = await run('rev-parse', '--is-inside-work-tree');
  if (inside.exitCode === 0 && inside.output.trim() === 'true') {
    return { status: 'skipped', reason: 'the folder is already inside a git repository' };
  }
  const init = await run('init', '--quiet');
  if (init.exitCode !== 0) {
    return {
      status: 'skipped',
      reason: `git init failed: ${init.startError ?? init.output.trim()}`,
    };
  }
  await run('add', '--all');
  const commit = await run(
    'commit',
    '--quiet',
    '--no-verify',
    '-m',
    'Initial commit from create-mcp-server',
  );
  if (commit.exitCode !== 0) {
    const noIdentity = /user\.(name|email)|identity/i.test(commit.output);
    return {
      status: 'initialized',
      reason: noIdentity
        ? 'no commit made: git has no user.name/user.email configured (files are staged)'
        : `no commit made: ${commit.output.trim().split('\n').pop() ?? 'git commit failed'}`,
    };
  }
  return { status: 'committed' };
}
