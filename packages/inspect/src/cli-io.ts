// The outside world of mcp-inspect's main(), and what a command gets of it.
import type { CommandIo } from './commands/common.js';
import type { Terminal } from './ui/terminal.js';

/** The world outside main(): output streams, environment, Ctrl-C. */
export interface MainIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  interrupt: AbortSignal;
  /** Home directory: client configs and the OAuth token cache (default: the user's). */
  homedir?: string;
  /** Platform whose client config locations apply (default: this machine's). */
  platform?: NodeJS.Platform;
  /** The terminal, when stdin and stdout are one: no command then opens the interactive inspector. */
  terminal?: Terminal;
}

/** What a command gets of the outside world: `io` with the home folder and platform filled in. */
export async function commandIoOf(io: MainIo, version: string): Promise<CommandIo> {
  const os = await import('node:os');
  return {
    ...io,
    homedir: io.homedir ?? os.homedir(),
    platform: io.platform ?? process.platform,
    version,
  };
}
