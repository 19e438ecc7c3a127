import type { GetPromptResult, Prompt } from '@modelcontextprotocol/client';
import { sanitizeLine } from '@mcpkit/shared/sanitize';
import { buildArguments, type JsonSchemaLike } from '../core/arguments.js';
import { EXIT, InspectError, usageError } from '../core/errors.js';
import { formatContentBlock, truncateForHumans } from '../core/format.js';
import type { InspectSession } from '../core/session.js';
import { describeAlternatives } from '../core/suggest.js';
import type { ArgumentOptions } from '../core/options.js';
import { checkArgumentNames } from './call.js';
import type { ActionContext } from './common.js';
import { fetchList } from './lists.js';

/** Prompt arguments are strings; this schema lets the shared checks name them. */
export function promptSchema(prompt: Prompt): JsonSchemaLike {
  const args = prompt.arguments ?? [];
  return {
    type: 'object',
    properties: Object.fromEntries(args.map((arg) => [arg.name, { type: 'string' }])),
    required: args.filter((arg) => arg.required).map((arg) => arg.name),
    additionalProperties: false,
  };
}

/** Find a prompt by name, or fail listing the close matches. */
export async function findPrompt(
  name: string,
  session: InspectSession,
  signal: AbortSignal,
): Promise<Prompt> {
  if (!session.has('prompts')) {
    throw new InspectError(
      EXIT.serverError,
      'The server has no prompts (it does not declare the prompts capability).',
    );
  }
  const prompts = (await fetchList(session, 'prompts', signal)) as Prompt[];
  const prompt = prompts.find((candidate) => candidate.name === name);
  if (!prompt)
    throw usageError(
      `Unknown prompt "${name}".`,
      describeAlternatives(
        'prompt',
        name,
        prompts.map((p) => p.name),
      ),
    );
  return prompt;
}

/** `mcp-inspect prompt <name>`. */
export async function runPrompt(
  name: string,
  argumentFlags: ArgumentOptions,
  session: InspectSession,
  { options: { output }, io, signal }: ActionContext,
): Promise<number> {
  const prompt = await findPrompt(name, session, signal);
  const schema = promptSchema(prompt);
  checkArgumentNames(argumentFlags.arg, schema, `Prompt "${name}"`);
  // Prompt arguments are always strings: no coercion.
  const args = buildArguments(argumentFlags.arg, argumentFlags.args, {
    ...schema,
    properties: undefined,
  });
  const missing = (schema.required ?? []).filter((key) => args[key] === undefined);
  if (missing.length > 0) {
    throw usageError(
      `Prompt "${name}" needs ${missing.map((k) => `"${k}"`).join(', ')}.`,
      `Pass ${missing.map((k) => `--arg ${k}=...`).join(' ')}`,
    );
  }
  const stringArgs = Object.fromEntries(
    Object.entries(args).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
  );
  const result: GetPromptResult = await session.request(
    `getting prompt "${name}"`,
    signal,
    (options) => session.client.getPrompt({ name, arguments: stringArgs }, options),
  );
  if (output.json) {
    io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    return EXIT.ok;
  }
  const parts = result.messages.map(
    (message) => `[${sanitizeLine(message.role)}]\n${formatContentBlock(message.content as never)}`,
  );
  if (result.description) parts.unshift(sanitizeLine(result.description));
  io.stdout(`${truncateForHumans(parts.join('\n\n'))}\n`);
  return EXIT.ok;
}
