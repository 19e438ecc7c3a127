/**
 * Escapers for values written into generated files. Each returns a complete literal
 * (with its quotes) that the target language parses back to exactly the input.
 */

/** A JSON string literal. */
export function toJsonString(value: string): string {
  return JSON.stringify(value);
}

/** A TOML basic string (`"..."`); TOML allows any Unicode but no raw control characters. */
export function toTomlString(value: string): string {
  return `"${escapeBackslashStyle(value, '"')}"`;
}

/** A TOML key: bare when TOML allows it, else quoted (a bare `a.b` would be a dotted key). */
export function toTomlKey(value: string): string {
  return /^[A-Za-z0-9_-]+$/.test(value) ? value : toTomlString(value);
}

/** A Python string literal in double quotes. */
export function toPythonString(value: string): string {
  return `"${escapeBackslashStyle(value, '"')}"`;
}

/** A TypeScript/JavaScript string literal in single quotes. */
export function toTsString(value: string): string {
  return `'${escapeBackslashStyle(value, "'")}'`;
}

/**
 * Escape `\`, the quote character and every control or line-separator character as
 * `\uXXXX` (or the short forms), which TOML, Python and JavaScript all read the same way.
 */
function escapeBackslashStyle(value: string, quote: '"' | "'"): string {
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '\\' || char === quote) out += `\\${char}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else out += char;
  }
  return out;
}

/** Quote one argument for a POSIX shell (sh, bash, zsh). */
export function quotePosixArg(value: string): string {
  if (value.length > 0 && /^[A-Za-z0-9_/.,:@%+=-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Quote one argument for PowerShell, the default Windows shell. */
export function quotePowerShellArg(value: string): string {
  if (value.length > 0 && /^[A-Za-z0-9_/\\.,:@%+=-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, "''")}'`;
}

/** A command line for the user's shell on `platform`. */
export function formatCommandLine(args: readonly string[], platform: NodeJS.Platform): string {
  const quote = platform === 'win32' ? quotePowerShellArg : quotePosixArg;
  return args.map(quote).join(' ');
}

/** Inline Markdown code that shows `value` verbatim, whatever backticks it holds. */
export function toMarkdownCode(value: string): string {
  const longestRun = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${value}${pad}${fence}`;
}
