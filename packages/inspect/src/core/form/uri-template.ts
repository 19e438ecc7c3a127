/**
 * RFC 6570 URI templates up to level 4 (operators `+ # . / ; ? &`, `:n` prefixes and `*`
 * explosion of lists). The SDK's `UriTemplate` joins several variables of one expression
 * without their prefix and encoding (`{/a,b}` gives `a,b`), so templates are expanded here.
 */

interface Operator {
  first: string;
  separator: string;
  named: boolean;
  ifEmpty: string;
  allowReserved: boolean;
}

const OPERATORS: Record<string, Operator> = {
  '': { first: '', separator: ',', named: false, ifEmpty: '', allowReserved: false },
  '+': { first: '', separator: ',', named: false, ifEmpty: '', allowReserved: true },
  '#': { first: '#', separator: ',', named: false, ifEmpty: '', allowReserved: true },
  '.': { first: '.', separator: '.', named: false, ifEmpty: '', allowReserved: false },
  '/': { first: '/', separator: '/', named: false, ifEmpty: '', allowReserved: false },
  ';': { first: ';', separator: ';', named: true, ifEmpty: '', allowReserved: false },
  '?': { first: '?', separator: '&', named: true, ifEmpty: '=', allowReserved: false },
  '&': { first: '&', separator: '&', named: true, ifEmpty: '=', allowReserved: false },
};

const EXPRESSION = /\{([^{}]*)\}/g;

/** One variable of an expression: `name`, `name:3`, `name*`. */
interface VariableSpec {
  name: string;
  prefix?: number;
  explode: boolean;
}

function parseExpression(body: string): { operator: Operator; variables: VariableSpec[] } {
  const key = body !== '' && '+#./;?&'.includes(body[0]!) ? body[0]! : '';
  const variables = body
    .slice(key.length)
    .split(',')
    .map((spec) => {
      const match = /^([^:*]+)(?::(\d+))?(\*)?$/.exec(spec.trim());
      return match
        ? {
            name: match[1]!,
            prefix: match[2] ? Number(match[2]) : undefined,
            explode: Boolean(match[3]),
          }
        : { name: spec.trim(), explode: false };
    })
    .filter((spec) => spec.name !== '');
  return { operator: OPERATORS[key]!, variables };
}

/** The names of a template's variables, in order, each once. */
export function uriTemplateVariables(template: string): string[] {
  const names: string[] = [];
  for (const match of template.matchAll(EXPRESSION)) {
    for (const { name } of parseExpression(match[1]!).variables) {
      if (!names.includes(name)) names.push(name);
    }
  }
  return names;
}

const UNRESERVED = /[A-Za-z0-9\-._~]/;
const RESERVED = /[:/?#[\]@!$&'()*+,;=]/;

function encode(value: string, allowReserved: boolean): string {
  let out = '';
  for (let i = 0; i < value.length;) {
    const char = String.fromCodePoint(value.codePointAt(i)!);
    if (allowReserved && /^%[0-9A-Fa-f]{2}/.test(value.slice(i, i + 3))) {
      out += value.slice(i, i + 3);
      i += 3;
      continue;
    }
    if (UNRESERVED.test(char) || (allowReserved && RESERVED.test(char))) out += char;
    else {
      for (const byte of new TextEncoder().encode(char)) {
        out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
      }
    }
    i += char.length;
  }
  return out;
}

/** Expands `template` with `values` (strings or lists of strings); missing ones are left out. */
export function expandTemplate(
  template: string,
  values: Readonly<Record<string, string | readonly string[] | undefined>>,
): string {
  return template.replace(EXPRESSION, (_, body: string) => {
    const { operator, variables } = parseExpression(body);
    const parts: string[] = [];
    for (const { name, prefix, explode } of variables) {
      const value = values[name];
      if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
      const named = (text: string) =>
        operator.named
          ? `${encode(name, false)}${text === '' ? operator.ifEmpty : `=${text}`}`
          : text;
      if (typeof value === 'string') {
        const cut = prefix === undefined ? value : [...value].slice(0, prefix).join('');
        parts.push(named(encode(cut, operator.allowReserved)));
      } else if (explode) {
        for (const item of value) parts.push(named(encode(item, operator.allowReserved)));
      } else {
        parts.push(named(value.map((item) => encode(item, operator.allowReserved)).join(',')));
      }
    }
    return parts.length === 0 ? '' : operator.first + parts.join(operator.separator);
  });
}
