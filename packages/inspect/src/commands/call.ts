import { LOG_LEVEL_META_KEY, type CallToolResult, type Tool } from '@modelcontextprotocol/client';
import { buildArguments, type JsonSchemaLike } from '../core/arguments.js';
import { EXIT, InspectError, usageError } from '../core/errors.js';
import { formatContentBlock, formatJson, truncateForHumans } from '../core/format.js';
import type { ArgumentOptions } from '../core/options.js';
import type { InspectSession } from '../core/session.js';
import { sanitizeLine } from '@mcpkit/shared/sanitize';
import { suggestNames } from '@mcpkit/shared/suggest';
import { describeAlternatives } from '../core/suggest.js';
import type { ActionContext } from './common.js';
import { fetchList } from './lists.js';

/** Check `--arg` keys against the schema's properties: a typo is an error, with suggestions. */
export function checkArgumentNames(
  pairs: readonly string[],
  schema: JsonSchemaLike | undefined,
  what: string,
): void {
  const known = Object.keys(schema?.properties ?? {});
  if (
    !schema?.properties ||
    schema.additionalProperties === true ||
    typeof schema.additionalProperties === 'object'
  )
    return;
  for (const pair of pairs) {
    const key = pair.slice(0, Math.max(0, pair.indexOf('=')));
    if (key && !known.includes(key)) {
      const close = suggestNames(key, known);
      throw usageError(
        `${what} has no argument "${key}".`,
        close.length > 0
          ? `Did you mean ${close.map((k) => `"${k}"`).join(' or ')}?`
          : `Its arguments: ${known.join(', ') || '(none)'}.`,
      );
    }
  }
}

/** `mcp-inspect call <tool>`. */
export async function runCall(
  toolName: string,
  argumentFlags: ArgumentOptions,
  session: InspectSession,
  { options: { output }, io, signal }: ActionContext,
): Promise<number> {
  const tools = (await fetchList(session, 'tools', signal)) as Tool[];
  const tool = tools.find((candidate) => candidate.name === toolName);
  if (!tool) {
    throw usageError(
      `Unknown tool "${toolName}".`,
      describeAlternatives(
        'tool',
        toolName,
        tools.map((t) => t.name),
      ),
    );
  }
  const schema = tool.inputSchema as JsonSchemaLike;
  const validate = argumentFlags.validate;
  if (validate) checkArgumentNames(argumentFlags.arg, schema, `Tool "${toolName}"`);
  const args = buildArguments(argumentFlags.arg, argumentFlags.args, schema);
  // The JSON Schema validator (ajv) is loaded only by the command that needs it.
  const { checkAgainstSchema } = await import('../core/validate.js');
  const problem = validate ? checkAgainstSchema(args, tool.inputSchema) : undefined;
  if (problem)
    throw usageError(
      `The arguments do not fit the input schema of "${toolName}": ${problem}.`,
      `See its schema with: mcp-inspect tools --json`,
    );

  const started = performance.now();
  const result = (await session.request(`calling "${toolName}"`, signal, (options) =>
    session.client.callTool(
      {
        name: toolName,
        arguments: args,
        // On 2026-07-28 a server logs only when the request asks for a level; 2025-era
        // servers log by default. Either way the messages are shown on stderr.
        ...(session.client.getProtocolEra() === 'modern' && !output.json
          ? { _meta: { [LOG_LEVEL_META_KEY]: 'info' } }
          : {}),
      },
      {
        ...options,
        // Output is checked below, so that a mismatch is reported next to the result.
        toolDefinition: { ...tool, outputSchema: undefined },
        resetTimeoutOnProgress: true,
        onprogress: (progress) => {
          if (output.json) return;
          const total = progress.total === undefined ? '' : `/${progress.total}`;
          io.stderr(
            `progress ${progress.progress}${total}${progress.message ? ` ${sanitizeLine(progress.message)}` : ''}\n`,
          );
        },
      },
    ),
  )) as CallToolResult;
  const elapsed = Math.round(performance.now() - started);
  const mismatch = checkOutput(tool, result, checkAgainstSchema);

  if (output.json) {
    io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    const parts = (result.content ?? []).map((block) => formatContentBlock(block as never));
    if (result.structuredContent !== undefined)
      parts.push(`structuredContent:\n${formatJson(result.structuredContent)}`);
    const body = truncateForHumans(parts.join('\n\n'));
    io.stdout(`${result.isError ? 'Tool error:\n' : ''}${body}\n(${elapsed} ms)\n`);
  }
  if (mismatch)
    throw new InspectError(
      EXIT.serverError,
      mismatch,
      'The server broke its own outputSchema; clients that validate will reject this result.',
    );
  return result.isError ? EXIT.serverError : EXIT.ok;
}

/** Why the result breaks the tool's outputSchema, or undefined. */
function checkOutput(
  tool: Tool,
  result: CallToolResult,
  checkAgainstSchema: (value: unknown, schema: object) => string | undefined,
): string | undefined {
  if (!tool.outputSchema || result.isError) return undefined;
  if (result.structuredContent === undefined)
    return `"${tool.name}" declares an outputSchema but returned no structuredContent.`;
  const problem = checkAgainstSchema(result.structuredContent, tool.outputSchema);
  return (
    problem &&
    `The structuredContent of "${tool.name}" does not match its outputSchema: ${problem}.`
  );
}
