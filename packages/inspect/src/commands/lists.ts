import { countOf, firstLine, formatColumns } from '../core/format.js';
import { EXIT } from '../core/errors.js';
import type { InspectSession } from '../core/session.js';
import { CAPABILITY, fetchList, type ListKind } from '../core/lists.js';
import type { ActionContext } from './common.js';

export { fetchList, type ListKind } from '../core/lists.js';

const JSON_KEY = {
  tools: 'tools',
  resources: 'resources',
  templates: 'resourceTemplates',
  prompts: 'prompts',
} as const;
const NOUN = {
  tools: 'tool',
  resources: 'resource',
  templates: 'resource template',
  prompts: 'prompt',
} as const;

interface Item {
  name: string;
  title?: string;
  description?: string;
  uri?: string;
  uriTemplate?: string;
  mimeType?: string;
  arguments?: { name: string; required?: boolean }[];
}

function row(kind: ListKind, item: Item): [string, string] {
  const summary = firstLine(item.description) || item.title || '';
  switch (kind) {
    case 'tools':
      return [item.name, summary];
    case 'resources':
      return [
        item.uri ?? '',
        [item.name, item.mimeType && `(${item.mimeType})`, summary && `— ${summary}`]
          .filter(Boolean)
          .join(' '),
      ];
    case 'templates':
      return [
        item.uriTemplate ?? '',
        [item.name, summary && `— ${summary}`].filter(Boolean).join(' '),
      ];
    case 'prompts': {
      const args = (item.arguments ?? [])
        .map((arg) => (arg.required ? arg.name : `[${arg.name}]`))
        .join(' ');
      return [item.name, [args && `(${args})`, summary].filter(Boolean).join(' ')];
    }
  }
}

/** `mcp-inspect tools|resources|templates|prompts`. */
export async function runList(
  kind: ListKind,
  session: InspectSession,
  { options: { output }, io, signal }: ActionContext,
): Promise<number> {
  const items = (await fetchList(session, kind, signal)) as Item[];
  if (output.json) {
    io.stdout(`${JSON.stringify({ [JSON_KEY[kind]]: items }, null, 2)}\n`);
    return EXIT.ok;
  }
  if (items.length === 0) {
    const why = session.has(CAPABILITY[kind])
      ? ''
      : ` (it does not declare the ${CAPABILITY[kind]} capability)`;
    io.stdout(`The server has no ${NOUN[kind]}s${why}.\n`);
    return EXIT.ok;
  }
  const width = Math.max(60, Number(io.env.COLUMNS) || 100);
  io.stdout(
    `${formatColumns(
      items.map((item) => row(kind, item)),
      width,
    )}\n${countOf(items.length, NOUN[kind])}\n`,
  );
  return EXIT.ok;
}
