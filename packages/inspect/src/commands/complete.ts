import type { CompleteResult, ResourceTemplateType } from '@modelcontextprotocol/client';
import { sanitizeLine } from '@mcpkit/shared/sanitize';
import { EXIT, InspectError, usageError } from '../core/errors.js';
import type { InspectSession } from '../core/session.js';
import { describeAlternatives } from '../core/suggest.js';
import type { ActionContext } from './common.js';
import { fetchList } from './lists.js';
import { findPrompt } from './prompt.js';

/** `mcp-inspect complete prompt:<name>|resource:<template> <argument> [value]`. */
export async function runComplete(
  reference: string,
  argument: string,
  value: string,
  contextPairs: readonly string[],
  session: InspectSession,
  { options: { output }, io, signal }: ActionContext,
): Promise<number> {
  const colon = reference.indexOf(':');
  const kind = reference.slice(0, colon);
  const name = reference.slice(colon + 1);
  if (colon <= 0 || (kind !== 'prompt' && kind !== 'resource') || !name) {
    throw usageError(
      `Bad reference "${reference}".`,
      'Write prompt:<name> or resource:<uri template>, e.g. complete prompt:greet style f',
    );
  }
  if (!session.has('completions')) {
    throw new InspectError(
      EXIT.serverError,
      'The server does not offer argument completion (no completions capability).',
    );
  }
  if (kind === 'prompt') {
    const prompt = await findPrompt(name, session, signal);
    const names = (prompt.arguments ?? []).map((arg) => arg.name);
    if (!names.includes(argument))
      throw usageError(
        `Prompt "${name}" has no argument "${argument}".`,
        describeAlternatives('argument', argument, names),
      );
  } else {
    const templates = (await fetchList(session, 'templates', signal)) as ResourceTemplateType[];
    if (!templates.some((t) => t.uriTemplate === name)) {
      throw usageError(
        `Unknown resource template "${name}".`,
        describeAlternatives(
          'resource template',
          name,
          templates.map((t) => t.uriTemplate),
        ),
      );
    }
  }
  const context: Record<string, string> = {};
  for (const pair of contextPairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw usageError(`--arg "${pair}" is not key=value.`);
    context[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  const result: CompleteResult = await session.request('completion', signal, (options) =>
    session.client.complete(
      {
        ref: kind === 'prompt' ? { type: 'ref/prompt', name } : { type: 'ref/resource', uri: name },
        argument: { name: argument, value },
        ...(Object.keys(context).length > 0 ? { context: { arguments: context } } : {}),
      },
      options,
    ),
  );
  if (output.json) {
    io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    return EXIT.ok;
  }
  const { values, total, hasMore } = result.completion;
  const lines = values.map((v) => sanitizeLine(v));
  const more = hasMore ? ` (more available${total !== undefined ? `, ${total} in all` : ''})` : '';
  io.stdout(
    `${lines.join('\n')}${lines.length > 0 ? '\n' : ''}${values.length} value${values.length === 1 ? '' : 's'}${more}\n`,
  );
  return EXIT.ok;
}
