import { parseTree, type Node } from 'jsonc-parser';

/**
 * The servers path of Claude Code's local scope for the project folder `cwd` (the git
 * repository root, else the working folder: `ConfigCandidate.projectKey`) in a
 * `~/.claude.json` text: `["projects", key, "mcpServers"]`, where key is the existing
 * `projects` key naming the same folder (Windows keys use forward slashes, in whatever
 * drive-letter case Claude Code saw), else `cwd` as Claude Code would write it.
 */
export function localServersPath(text: string, cwd: string, platform: NodeJS.Platform): string[] {
  const windows = platform === 'win32' || /^[A-Za-z]:[\\/]/.test(cwd);
  const norm = (p: string) => {
    const s = p.replace(/\\/g, '/').replace(/(.)\/+$/, '$1');
    return windows ? s.toLowerCase() : s;
  };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const root = body.trim() === '' ? undefined : parseTree(body, [], { allowTrailingComma: true });
  const projects = propertyValue(root, 'projects');
  const keys = (projects?.children ?? [])
    .map((p) => p.children?.[0]?.value as unknown)
    .filter((k): k is string => typeof k === 'string');
  const key =
    keys.find((k) => k === cwd) ??
    keys.find((k) => norm(k) === norm(cwd)) ??
    (windows ? cwd.replace(/\\/g, '/') : cwd);
  return ['projects', key, 'mcpServers'];
}

function propertyValue(node: Node | undefined, key: string): Node | undefined {
  if (!node || node.type !== 'object') return undefined;
  const props = (node.children ?? []).filter((p) => p.children?.[0]?.value === key);
  const value = props[props.length - 1]?.children?.[1];
  return value?.type === 'object' ? value : undefined;
}
