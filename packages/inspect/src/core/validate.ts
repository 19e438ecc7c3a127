import { AjvJsonSchemaValidator } from '@modelcontextprotocol/client/validators/ajv';
import type { JsonSchemaType } from '@modelcontextprotocol/client';

let validator: AjvJsonSchemaValidator | undefined;

/**
 * Check `value` against a JSON Schema with the SDK's own validator. Returns undefined
 * when it conforms, else one readable line naming the field (`count: must be <= 10`).
 */
export function checkAgainstSchema(value: unknown, schema: object): string | undefined {
  validator ??= new AjvJsonSchemaValidator();
  let result;
  try {
    result = validator.getValidator(schema as JsonSchemaType)(value);
  } catch (error) {
    return `the schema itself is invalid: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (result.valid) return undefined;
  return result.errorMessage
    .split(/,\s*(?=(?:data|\/))/)
    .map((part) =>
      part
        .replace(/^data\/?/, '')
        .replace(/^([\w./-]+) /, (_, path: string) => `${path.replace(/\//g, '.')}: `),
    )
    .map((part) => (part.startsWith('must') ? `(top level) ${part}` : part))
    .join('; ');
}
