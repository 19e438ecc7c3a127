import { expandTemplate, uriTemplateVariables } from './uri-template.js';

/** An argument of a prompt, as `prompts/list` describes it. */
export interface PromptArgumentLike {
  name: string;
  description?: string;
  required?: boolean;
}

/** The object schema of a prompt's arguments: every argument is a string. */
export function promptArgumentsSchema(args: readonly PromptArgumentLike[]): object {
  const properties: Record<string, object> = {};
  for (const arg of args) {
    properties[arg.name] =
      arg.description === undefined
        ? { type: 'string' }
        : { type: 'string', description: arg.description };
  }
  const required = args.filter((arg) => arg.required).map((arg) => arg.name);
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
}

/** The variable names of an RFC 6570 URI template, in order, each once; [] when it is not one. */
export function templateVariables(uriTemplate: string): string[] {
  return uriTemplateVariables(uriTemplate);
}

/**
 * The object schema of a resource template's variables (`weather://{city}/forecast{?days}`
 * → `city`, `days`): string properties, all required.
 */
export function templateVariablesSchema(uriTemplate: string): object {
  const names = templateVariables(uriTemplate);
  const properties: Record<string, object> = {};
  for (const name of names) properties[name] = { type: 'string' };
  return { type: 'object', properties, required: names };
}

/**
 * Expands an RFC 6570 template: `{city}` percent-encodes, `{+path}` keeps reserved characters, `{?days}` adds a
 * query part, `{/seg}` a path segment, `{#frag}` a fragment. Values that are not strings
 * are written as JSON; missing ones are left out as RFC 6570 says.
 */
export function expandUriTemplate(template: string, values: Record<string, unknown>): string {
  const variables: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value))
      variables[name] = value.map((item) =>
        typeof item === 'string' ? item : JSON.stringify(item),
      );
    else variables[name] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return expandTemplate(template, variables);
}
