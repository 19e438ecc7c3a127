import type { ClientId } from './client-paths.js';

/**
 * The client a config file belongs to, guessed from its name and folder when no client is
 * given: `.vscode/mcp.json` is VS Code's, `.cursor/…` Cursor's, `.gemini/settings.json`
 * Gemini CLI's, `mcp_config.json` Windsurf's, `.claude.json` and `.mcp.json` Claude Code's;
 * anything else is taken as Claude Desktop's. Both `/` and `\` separate folders.
 */
export function guessClient(file: string): ClientId {
  const parts = file.replace(/\\/g, '/').split('/');
  const base = parts[parts.length - 1] ?? '';
  const parent = parts[parts.length - 2] ?? '';
  if (parent === '.vscode') return 'vscode';
  if (parent === '.cursor') return 'cursor';
  if (parent === '.gemini' && base === 'settings.json') return 'gemini-cli';
  if (base === 'mcp_config.json') return 'windsurf';
  if (base === '.claude.json' || base === '.mcp.json') return 'claude-code';
  return 'claude-desktop';
}
