import pc from 'picocolors';
import { buildLaunchCommand, renderConnectSection, type ConnectOptions } from '../core/connect.js';
import { CliError, EXIT, usageError } from '../core/errors.js';
import { initGitRepository } from '../core/git.js';
import { formatInstallSteps, planInstall, runInstall } from '../core/install.js';
import { formatCommandLine } from '../core/escape.js';
import { buildNextSteps, buildRegisterCommand } from '../core/next-steps.js';
import {
  checkChoices,
  resolvePlan,
  type CreateChoices,
  type CreateEnvironment,
  type CreatePlan,
} from '../core/plan.js';
import type { CommandRunner } from '../core/runner.js';
import {
  prepareScaffold,
  ScaffoldConflictError,
  ScaffoldError,
  writeScaffold,
  type PreparedScaffold,
} from '../core/scaffold.js';
import {
  describeConflicts,
  describeReplacedFiles,
  describeScaffoldFailure,
} from '../core/scaffold-report.js';
import { resolveTemplatesDir } from '../core/templates.js';
import { readVersion } from '../version.js';

/** Where a command writes, so tests can capture it. */
export interface Output {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Everything `runCreate` needs from the outside world. */
export interface CreateContext {
  output: Output;
  environment: CreateEnvironment;
  runner: CommandRunner;
  /** True when stdin and stdout are a terminal, so the wizard may ask. */
  interactive: boolean;
  /** `--yes`: never ask. */
  yes: boolean;
  /** Path of the node binary that runs TypeScript projects. */
  nodePath: string;
  /** Folder of the templates; defaults to the packaged one. */
  templatesDir?: string;
}

/** The choices the wizard asks about when they were not given as flags. */
export function missingChoices(choices: CreateChoices): (keyof CreateChoices)[] {
  const keys: (keyof CreateChoices)[] = ['directory', 'template', 'transport', 'pm'];
  return keys.filter((key) => choices[key] === undefined);
}

/** Scaffold, install, `git init`, print next steps. Returns the exit code. */
export async function runCreate(given: CreateChoices, context: CreateContext): Promise<number> {
  const { output, environment } = context;
  checkChoices(given);
  if (given.register !== undefined) await checkRegisterClient(given.register);
  let choices = given;
  if (context.interactive && !context.yes && missingChoices(given).length > 0) {
    const { runWizard } = await import('../ui/wizard.js');
    const answers = await runWizard(given, environment);
    // The wizard's last frame says "Cancelled: nothing was written."; this stays silent
    // so that the person reads it once.
    if (!answers) return EXIT.cancelled;
    choices = answers;
  }
  const plan = resolvePlan(choices, environment);
  const say = (text = '') => output.stdout(`${text}\n`);

  const connectOptions: ConnectOptions = {
    name: plan.name,
    template: plan.template,
    packageManager: plan.packageManager,
    transport: plan.transport,
    projectDir: plan.targetDir,
    platform: environment.platform,
    uvPath: plan.uvPath,
    nodePath: context.nodePath,
  };
  // Everything is rendered and checked against the folder before a word of progress.
  const prepared = prepareProject(plan, connectOptions, context);

  if (plan.templateFromPm !== undefined) {
    say(
      `Template ${pc.bold(plan.template.name)} (for --pm ${plan.templateFromPm}; pass -t to choose another).`,
    );
  }
  if (plan.derivedNameFrom !== undefined) {
    say(
      `Project name ${pc.bold(plan.name)} (from the folder name "${plan.derivedNameFrom}"; pass --name to choose another).`,
    );
  }
  if (plan.packageManagerNote) say(pc.yellow(plan.packageManagerNote));
  say(
    `Creating ${pc.bold(plan.name)} in ${plan.targetDir} (${plan.template.name}, ${plan.packageManager}, ${plan.transport}).`,
  );

  try {
    const result = writeScaffold(prepared, { homedir: environment.homedir });
    say(`Wrote ${result.files.length} files.`);
    for (const line of describeReplacedFiles(result)) say(line);
  } catch (error) {
    if (!(error instanceof ScaffoldError)) throw error;
    throw new CliError(`Could not write the project: ${error.message}.`, {
      hint: describeScaffoldFailure(error).join('\n'),
    });
  }

  const installSteps = planInstall({
    packageManager: plan.packageManager,
    platform: environment.platform,
    python: plan.python,
    projectDir: plan.targetDir,
  });
  const installLines = formatInstallSteps(installSteps, environment.platform);
  let exitCode: number = EXIT.ok;
  let pendingInstall: string[] = plan.install ? [] : installLines;
  if (plan.install) {
    say(`Installing dependencies: ${installLines.join(' && ')}`);
    const installed = await runInstall(
      installSteps,
      plan.targetDir,
      environment.env,
      context.runner,
    );
    if (!installed.ok) {
      for (const line of installed.outputTail) output.stderr(`  ${pc.dim(line)}\n`);
      output.stderr(
        `${pc.red('Error:')} installing dependencies failed: \`${installLines[installSteps.indexOf(installed.failedStep)]}\` ${installed.reason}.\n` +
          `The project files are in place. Fix the cause above, then finish the install by hand (next steps below).\n`,
      );
      pendingInstall = installLines.slice(installSteps.indexOf(installed.failedStep));
      exitCode = EXIT.failure;
    }
  }

  if (plan.git) await reportGit(plan, context);
  if (plan.register !== undefined) {
    if (exitCode !== EXIT.ok) {
      output.stderr(
        `Not registered with ${plan.register}: finish the install first, then run mcp-config add.\n`,
      );
    } else {
      say();
      const registered = await registerWithClient(
        plan,
        buildLaunchCommand(connectOptions),
        context,
      );
      if (registered !== EXIT.ok) exitCode = registered;
    }
  }
  printNextSteps(
    plan,
    environment.platform,
    pendingInstall,
    buildLaunchCommand(connectOptions),
    say,
  );
  return exitCode;
}

/** Render the template and check it against the folder; what is in the way is bad input. */
function prepareProject(
  plan: CreatePlan,
  connectOptions: ConnectOptions,
  context: CreateContext,
): PreparedScaffold {
  try {
    return prepareScaffold({
      templatesDir: context.templatesDir ?? resolveTemplatesDir(),
      template: plan.template,
      targetDir: plan.targetDir,
      values: {
        name: plan.name,
        transport: plan.transport,
        connectSection: renderConnectSection(connectOptions),
      },
    });
  } catch (error) {
    if (!(error instanceof ScaffoldConflictError)) throw error;
    const { message, hint } = describeConflicts(error);
    throw usageError(message, hint);
  }
}

async function checkRegisterClient(client: string): Promise<void> {
  const { REGISTER_CLIENTS } = await import('mcp-config/register');
  if (!REGISTER_CLIENTS.includes(client as never)) {
    throw new CliError(`Unknown client "${client}" for --register.`, {
      hint: `Use one of: ${REGISTER_CLIENTS.join(', ')}.`,
      exitCode: EXIT.usage,
    });
  }
}

/** Add the server to a client's config through mcp-config, from the project folder. */
async function registerWithClient(
  plan: CreatePlan,
  command: string[],
  context: CreateContext,
): Promise<number> {
  const { registerServer } = await import('mcp-config/register');
  const { environment, output } = context;
  return registerServer({
    client: plan.register as Parameters<typeof registerServer>[0]['client'],
    name: plan.name,
    command,
    // From the project folder: project scopes (VS Code, Claude Code local) belong to it.
    io: {
      stdout: output.stdout,
      stderr: output.stderr,
      env: environment.env,
      cwd: plan.targetDir,
      homedir: environment.homedir,
      platform: environment.platform,
    },
  });
}

async function reportGit(plan: CreatePlan, context: CreateContext): Promise<void> {
  const git = await initGitRepository(plan.targetDir, context.environment.env, context.runner);
  if (git.status === 'committed')
    context.output.stdout('Initialised a git repository with a first commit.\n');
  else context.output.stdout(pc.yellow(`git: ${git.reason}.\n`));
}

function printNextSteps(
  plan: CreatePlan,
  platform: NodeJS.Platform,
  pendingInstall: string[],
  launch: string[],
  say: (text?: string) => void,
): void {
  const version = readVersion();
  const steps = buildNextSteps(plan, platform, pendingInstall, version);
  const width = Math.max(...steps.map((step) => step.command.length));
  say();
  say(pc.bold('Next steps:'));
  for (const step of steps)
    say(`  ${pc.cyan(step.command.padEnd(width))}  ${pc.dim(step.description)}`);
  say();
  if (plan.register === undefined) {
    say('Register it with Claude Desktop (--client claude-code, cursor, vscode... for others):');
    say(
      `  ${pc.cyan(formatCommandLine(buildRegisterCommand(plan.name, launch, version), platform))}`,
    );
  }
  say(`The exact client entries are under "Connect" in ${plan.displayDir}/README.md.`);
}
