import { toPythonString, toTomlKey, toTomlString, toTsString } from './escape.js';
import { MODULE_TOKEN, pythonModuleName } from './python-module.js';
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
/**
 * The Python package name (`my_mcp_server`) in imports, paths and prose. It runs before the
 * name edits: a package name never contains the name token, but a project name may
 * contain the package token.
 */
const pythonModule: Edit = (c, v, f) =>
  replaceRequired(c, MODULE_TOKEN, pythonModuleName(v.name), f);
/** Runs last: the rendered section holds real paths, which no other edit may touch. */
const readme: Edit = (c, v, f) => replaceRequired(c, CONNECT_SECTION, v.connectSection, f);
/**
 * Prose, comments and shell lines: the validated name needs no escaping there (it holds
 * only `[a-z0-9._-]`), so the token is replaced as it stands.
 */
const plainText: Edit = (c, v) => c.split(NAME_TOKEN).join(v.name);

/** The Python package folder of the Python templates, renamed by {@link projectPath}. */
const PYTHON_PACKAGE = `src/${MODULE_TOKEN}/`;

const PYTHON_RULES: Record<string, Edit[]> = {
  'pyproject.toml': [pythonModule, tomlName],
  [`${PYTHON_PACKAGE}__init__.py`]: [pythonName, plainText],
  [`${PYTHON_PACKAGE}__main__.py`]: [pythonModule, plainText],
  [`${PYTHON_PACKAGE}server.py`]: [pythonName, plainText],
  [`${PYTHON_PACKAGE}cli.py`]: [pythonTransport, plainText],
  'tests/test_server.py': [pythonModule],
  'tests/test_cli.py': [pythonModule, plainText],
  'README.md': [pythonModule, plainText, readme],
  Dockerfile: [plainText],
  '.env.example': [pythonModule, plainText],
};

/** The edits for each file of each template; files not listed are copied verbatim. */
const RULES: Record<TemplateName, Record<string, Edit[]>> = {
  python: PYTHON_RULES,
  fastmcp: PYTHON_RULES,
  typescript: {
    'package.json': [packageJson],
    'src/server.ts': [tsName, plainText],
    'src/index.ts': [tsTransport, plainText],
    'README.md': [plainText, readme],
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
    for (const token of [NAME_TOKEN, MODULE_TOKEN]) {
      if (content.includes(token)) {
        throw new Error(
          `template file ${template}/${file} contains "${token}" but has no substitution rule`,
        );
      }
    }
    return content;
  }
  return edits.reduce((text, edit) => edit(text, values, file), content);
}

/**
 * Where a template file goes in the project: the Python templates' package folder
 * `src/my_mcp_server/` is renamed after the project (see `pythonModuleName`); every other
 * path is kept. `file` is relative, as in the template (dotfiles already renamed).
 */
export function projectPath(
  template: TemplateName,
  file: string,
  values: SubstitutionValues,
): string {
  const normalized = file.split('\\').join('/');
  if (template === 'typescript' || !normalized.startsWith(PYTHON_PACKAGE)) return file;
  return `src/${pythonModuleName(values.name)}/${normalized.slice(PYTHON_PACKAGE.length)}`;
}

/** The files of a template that have substitution rules (for tests), as named in the template. */
export function substitutedFiles(template: TemplateName): string[] {
  return Object.keys(RULES[template]);
}
