import type {
  ReadResourceResult,
  Resource,
  ResourceTemplateType,
} from '@modelcontextprotocol/client';
import { sanitizeLine, sanitizeText } from '@mcpkit/shared/sanitize';
import { EXIT, InspectError, usageError } from '../core/errors.js';
import { truncateForHumans } from '../core/format.js';
import { requestFailure, type InspectSession } from '../core/session.js';
import { describeAlternatives } from '../core/suggest.js';
import type { ActionContext } from './common.js';
import { fetchList } from './lists.js';

/** `mcp-inspect read <uri>`. */
export async function runRead(
  uri: string,
  session: InspectSession,
  { options: { output }, io, signal }: ActionContext,
): Promise<number> {
  if (!session.has('resources')) {
    throw new InspectError(
      EXIT.serverError,
      'The server has no resources (it does not declare the resources capability).',
    );
  }
  let result: ReadResourceResult;
  try {
    result = await session.request(`reading ${uri}`, signal, (options) =>
      session.client.readResource({ uri }, options),
    );
  } catch (error) {
    const failure = requestFailure(`reading ${uri}`, error, session);
    if (failure.exitCode !== EXIT.serverError) throw failure;
    // Say what exists when the URI is neither a listed resource nor under a template.
    const resources = (await fetchList(session, 'resources', signal)) as Resource[];
    const templates = (await fetchList(session, 'templates', signal)) as ResourceTemplateType[];
    const underTemplate = templates.some((t) =>
      uri.startsWith(t.uriTemplate.split('{')[0] ?? '\0'),
    );
    if (!resources.some((r) => r.uri === uri) && !underTemplate) {
      const names = [...resources.map((r) => r.uri), ...templates.map((t) => t.uriTemplate)];
      throw usageError(
        `Unknown resource "${uri}" (${failure.message}).`,
        describeAlternatives('resource', uri, names),
      );
    }
    throw failure;
  }
  if (output.json) {
    io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    return EXIT.ok;
  }
  const parts = result.contents.map((content) => {
    const header = `${sanitizeLine(content.uri)}${content.mimeType ? ` (${sanitizeLine(content.mimeType)})` : ''}`;
    if ('text' in content && typeof content.text === 'string')
      return `${header}\n${sanitizeText(content.text)}`;
    const blob = 'blob' in content && typeof content.blob === 'string' ? content.blob : '';
    return `${header}\n[binary, ${Math.floor((blob.length * 3) / 4)} bytes; use --json for the base64 data]`;
  });
  io.stdout(`${truncateForHumans(parts.join('\n\n'))}\n`);
  return EXIT.ok;
}
