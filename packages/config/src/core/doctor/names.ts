// Names shared by the checks: the clients' display names and a command's bare name.
import path from 'node:path';
import type { ClientId } from '@mcpkit/shared/client-paths';

/** Display names, for messages. */
export const CLIENT_NAMES: Readonly<Record<ClientId, string>> = {
  'claude-desktop': 'Claude Desktop',
  'claude-code': 'Claude Code',
  cursor: 'Cursor',
  vscode: 'VS Code',
  windsurf: 'Windsurf',
  'gemini-cli': 'Gemini CLI',
};

/** The command's name without folder or Windows extension: `npx` for `C:\…\npx.cmd`. */
export function commandBase(command: string): string {
  return path.win32
    .basename(command)
    .toLowerCase()
    .replace(/\.(exe|cmd|bat|com)$/, '');
}
