import { DEFAULT_MAX_MESSAGE_BYTES } from '@mcpkit/shared/limits';
import type { InspectSession } from './session.js';

/** What a list holds: tools, resources, resource templates or prompts. */
export type ListKind = 'tools' | 'resources' | 'templates' | 'prompts';

/** The server capability each list needs. */
export const CAPABILITY = {
  tools: 'tools',
  resources: 'resources',
  templates: 'resources',
  prompts: 'prompts',
} as const;
/** Every item of a list, across all pages; empty when the server lacks the capability. */
export async function fetchList(
  session: InspectSession,
  kind: ListKind,
  signal?: AbortSignal,
): Promise<unknown[]> {
  // The SDK warns on stdout when asked for a capability the server lacks; never ask then.
  if (!session.has(CAPABILITY[kind])) return [];
  // A list is one logical message: its pages together are bounded like a single message.
  const maxBytes = session.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  return session.request(
    `listing ${kind}`,
    signal,
    async (options): Promise<unknown[]> => {
      switch (kind) {
        case 'tools':
          return (await session.client.listTools(undefined, options)).tools;
        case 'resources':
          return (await session.client.listResources(undefined, options)).resources;
        case 'templates':
          return (await session.client.listResourceTemplates(undefined, options)).resourceTemplates;
        case 'prompts':
          return (await session.client.listPrompts(undefined, options)).prompts;
      }
    },
    { maxBytes },
  );
}
