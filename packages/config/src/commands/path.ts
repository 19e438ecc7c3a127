import type { ConfigCandidate } from '@mcpkit/shared/client-paths';
import { EXIT } from '../errors.js';
import { CLIENT_NAMES, listCandidates, readTargets, writeTarget } from '../target/targets.js';
import { createContext, type CommandIo, type GlobalFlags } from './context.js';

/** `mcp-config path`: the file in use, and every candidate with whether the client reads it. */
export function runPath(flags: GlobalFlags, io: CommandIo): Promise<number> {
  const context = createContext(flags, io);
  const name = CLIENT_NAMES[context.client];
  const used = writeTarget(context.target);
  const read = readTargets({ ...context.target, config: undefined });
  const all = listCandidates(context.target);
  const isRead = (c: ConfigCandidate) => read.some((r) => r.file === c.file && r.scope === c.scope);
  const why = (c: ConfigCandidate) =>
    /Microsoft Store/.test(read.find((r) => r.scope === c.scope)?.label ?? '')
      ? 'the Microsoft Store install reads only its own copy'
      : 'another file of this scope comes first';

  if (flags.json) {
    io.stdout(
      `${JSON.stringify(
        {
          client: context.client,
          platform: context.platform,
          file: used.file,
          scope: used.scope,
          exists: used.exists,
          serversPath: used.serversPath,
          candidates: all.map((c) => ({
            file: c.file,
            label: c.label,
            scope: c.scope,
            exists: c.exists,
            read: isRead(c),
            serversPath: c.serversPath,
            ...(c.logsDir ? { logsDir: c.logsDir } : {}),
          })),
        },
        null,
        2,
      )}\n`,
    );
    return Promise.resolve(EXIT.ok);
  }

  const lines = [used.file, ''];
  if (flags.config !== undefined) lines.push(`Using --config as ${name}'s ${used.scope} file.`, '');
  const shown = all.filter(isRead);
  lines.push(
    shown.length > 1
      ? `${name} on ${context.platform} reads (where a name is defined twice, the first wins):`
      : `${name} on ${context.platform} reads:`,
  );
  const width = Math.max(...all.map((c) => c.scope.length));
  for (const c of shown) {
    const section =
      c.serversPath.length > 1
        ? `  (${c.serversPath.map((k) => JSON.stringify(k)).join(' → ')})`
        : '';
    const mark = c.file === used.file && c.scope === used.scope ? '  ← add writes here' : '';
    lines.push(
      `  ${c.scope.padEnd(width)}  ${c.exists ? 'exists ' : 'missing'}  ${c.file}${section}${mark}`,
    );
  }
  const ignored = all.filter((c) => !isRead(c));
  if (ignored.length > 0) {
    lines.push('Not read:');
    for (const c of ignored) {
      lines.push(`  ${c.scope.padEnd(width)}  ${c.exists ? 'exists ' : 'missing'}  ${c.file}`);
      lines.push(`  ${' '.repeat(width)}  ${c.label}: ${why(c)}`);
    }
  }
  const stranded = ignored.find((c) => c.exists && !read.find((r) => r.scope === c.scope)?.exists);
  if (stranded) {
    lines.push(
      '',
      `Note: ${stranded.file} exists but ${name} does not read it; its servers are not loaded. Copy them over with mcp-config add.`,
    );
  }
  if (!used.exists) lines.push('', `${used.file} does not exist yet: mcp-config add creates it.`);
  io.stdout(`${lines.join('\n')}\n`);
  return Promise.resolve(EXIT.ok);
}
