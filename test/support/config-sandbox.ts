import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BIN, makeTempDir } from './paths.js';
import { run, testEnv, type RunResult } from './run.js';

/** A temp home and project for one mcp-config test; nothing touches the real home. */
export interface ConfigSandbox {
  /** The temp folder holding everything. */
  root: string;
  home: string;
  /** The project folder commands run in. */
  project: string;
  /** Environment of the child: HOME, APPDATA, LOCALAPPDATA, XDG_CONFIG_HOME point into root. */
  env: NodeJS.ProcessEnv;
  /** Runs the built mcp-config with `args` in the project. */
  cli(args: readonly string[], extraEnv?: NodeJS.ProcessEnv): Promise<RunResult>;
  /** Writes a file (creating folders). */
  write(file: string, text: string): string;
  read(file: string): string;
  /** Claude Desktop's file on Linux in this sandbox. */
  desktopFile: string;
}

/** A fresh sandbox. */
export function makeSandbox(): ConfigSandbox {
  const root = makeTempDir('config');
  const home = join(root, 'home');
  const project = join(root, 'project');
  mkdirSync(home, { recursive: true });
  mkdirSync(project, { recursive: true });
  const env = testEnv({
    HOME: home,
    USERPROFILE: home,
    APPDATA: join(home, 'AppData', 'Roaming'),
    LOCALAPPDATA: join(home, 'AppData', 'Local'),
    XDG_CONFIG_HOME: join(home, '.config'),
    DEBUG: '',
  });
  return {
    root,
    home,
    project,
    env,
    desktopFile: join(home, '.config', 'Claude', 'claude_desktop_config.json'),
    cli: (args, extraEnv = {}) =>
      run(process.execPath, [BIN.config, ...args], {
        cwd: project,
        env: { ...env, ...extraEnv },
        timeoutMs: 30_000,
      }),
    write: (file, text) => {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
      return file;
    },
    read: (file) => readFileSync(file, 'utf8'),
  };
}

/**
 * A Claude Desktop config as people have them: 4-space indent, app settings around
 * mcpServers, Windows paths, non-ASCII names and values.
 */
export const REALISTIC_DESKTOP_CONFIG = `{
    "globalShortcut": "Ctrl+Space",
    "mcpServers": {
        "filesystem": {
            "command": "C:\\\\Program Files\\\\nodejs\\\\npx.cmd",
            "args": [
                "-y",
                "@modelcontextprotocol/server-filesystem",
                "C:\\\\Users\\\\Zoë\\\\Documents"
            ]
        },
        "météo": {
            "command": "uv",
            "args": ["run", "weather.py"],
            "env": { "API_KEY": "sk-très-secret" }
        }
    },
    "preferences": {
        "menuBarEnabled": false,
        "quickEntryShortcut": "off",
        "名前": "日本語"
    }
}
`;
