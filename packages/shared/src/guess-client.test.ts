import { describe, expect, it } from 'vitest';
import { guessClient } from './guess-client.js';

describe('guessClient', () => {
  it('knows each client by its file name and folder, on POSIX and Windows paths', () => {
    expect(guessClient('/p/.vscode/mcp.json')).toBe('vscode');
    expect(guessClient('C:\\p\\.cursor\\mcp.json')).toBe('cursor');
    expect(guessClient('/home/z/.gemini/settings.json')).toBe('gemini-cli');
    expect(guessClient('C:\\Users\\z\\.codeium\\windsurf\\mcp_config.json')).toBe('windsurf');
    expect(guessClient('/home/z/.claude.json')).toBe('claude-code');
    expect(guessClient('proj/.mcp.json')).toBe('claude-code');
  });

  it('takes anything else as Claude Desktop, also a settings.json outside .gemini', () => {
    expect(guessClient('/x/claude_desktop_config.json')).toBe('claude-desktop');
    expect(guessClient('/x/settings.json')).toBe('claude-desktop');
    expect(guessClient('mcp.json')).toBe('claude-desktop');
  });
});
