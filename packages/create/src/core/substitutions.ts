import { toPythonString, toTomlKey, toTomlString, toTsString } from './escape.js';
import { NAME_TOKEN, type TemplateName, type TransportName } from './templates.js';

/** The values written into a generated project. */
export interface SubstitutionValues {
  /** Project name (validated: lower-case letters, digits, `-`, `_`, `.`). */
  name: string;
  /** Default transport of the generated `main()`. */
  transport: TransportName;
  /** Markdown that replaces the README's connect section (see `renderConnectSection`). */
  connectSection: string;
}

/** One change to one file; throws when the text it expects is missing. */
type Edit = (content: string, values: SubstitutionValues, file: string) => string;

const CONNECT_SECTION = /<!-- mcpkit:connect:start -->[\s\S]*?<!-- mcpkit:connect:end -->/;

/** Replace every `find` with `replacement`, insisting that there is at least one. */
function replaceRequired(
  content: string,
  find: string | RegExp,
  replacement: string,
  file: string,
): string {
  const found = typeof find === 'string' ? content.includes(find) : find.test(content);
  if (!found) throw new Error(`template file ${file} no longer contains ${String(find)}`);
  return typeof find === 'string'
    ? content.split(find).join(replacement)
    : content.replace(find, () => replacement);
}

const quotedToken = (quote: string) => `${quote}${NAME_TOKEN}${quote}`;

/** `"my-mcp-server"` in Python code. */
const pythonName: Edit = (c, v, f) =>
  replaceRequired(c, quotedToken('"'), toPythonString(v.name), f);
/** `'my-mcp-server'` in TypeScript code. */
const tsName: Edit = (c, v, f) => replaceRequired(c, quotedToken("'"), toTsString(v.name), f);
/** `name = "my-mcp-server"` and the console-script key in pyproject.toml. */
const tomlName: Edit = (c, v, f) => {
  const named = replaceRequired(c, quotedToken('"'), toTomlString(v.name), f);
  return replaceRequired(named, new RegExp(`^${NAME_TOKEN}(?= =)`, 'm'), toTomlKey(v.name), f);
};
const pythonTransport: Edit = (c, v, f) =>
  replaceRequired(
    c,
    'DEFAULT_TRANSPORT = "stdio"',
    `DEFAULT_TRANSPORT = ${toPythonString(v.transport)}`,
    f,
  );
const tsTransport: Edit = (c, v, f) =>
  replaceRequired(
    c,
    "const DEFAULT_TRANSPORT: TransportKind = 'stdio';",
    `const DEFAULT_TRANSPORT: TransportKind = ${toTsString(v.transport)};`,
    f,
  );
/** package.json, edited as JSON: the package name and its bin entry. */
const packageJson: Edit = (c, v) => {
  const pkg = JSON.parse(c) as { name: string; bin?: Record<string, string> };
  pkg.name = v.name;
  if (pkg.bin) {
    pkg.bin = Object.fromEntries(
      Object.entries(pkg.bin).map(([key, value]) => [key === NAME_TOKEN ? v.name : key, value]),
    );
  }
  return `${JSON.stringify(pkg, null, 2)}\n`;
};
const readme: Edit = (c, v, f) => replaceRequired(c, CONNECT_SECTION, v.connectSection, f);
/**
 * Prose, comments and shell lines: the validated name needs no escaping there (it holds
 * only `[a-z0-9._-]`), so the token is replaced as it stands.
 */
const plainText: Edit = (c, v) => c.split(NAME_TOKEN).join(v.name);

const PYTHON_RULES: Record<string, Edit[]> = {
  'pyproject.toml': [tomlName],
  'server.py': [pythonName, pythonTransport, plainText],
  'README.md': [readme, plainText],
  Dockerfile: [plainText],
  '.env.example': [plainText],
};

/** The edits for each file of each template; files not listed are copied verbatim. */
const RULES: Record<TemplateName, Record<string, Edit[]>> = {
  python: PYTHON_RULES,
  fastmcp: PYTHON_RULES,
  typescript: {
    'package.json': [packageJson],
    'src/server.ts': [tsName, plainText],
    'src/index.ts': [tsTransport, plainText],
    'README.md': [readme, plainText],
    Dockerfile: [plainText],
    '.env.example': [plainText],
  },
};

/**
 * Apply the template's substitutions to one file (named as in the project). Throws when
 * an expected anchor is missing, or when a file without rules contains the name token,
 * so a template that drifts from this list fails loudly instead of shipping the token.
 */
export function applySubstitutions(
  template: TemplateName,
  file: string,
  content: string,
  values: SubstitutionValues,
): string {
  const edits = RULES[template][file.split('\\').join('/')];
  if (!edits) {
    if (content.includes(NAME_TOKEN)) {
      throw new Error(
        `template file ${template}/${file} contains "${NAME_TOKEN}" but has no substitution rule`,
      );
    }
    return content;
  }
  return edits.reduce((text, edit) => edit(text, values, file), content);
}

/** The files of a template that have substitution rules (for tests). */
export function substitutedFiles(template: TemplateName): string[] {
  return Object.keys(RULES[template]);
}
