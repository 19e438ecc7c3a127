import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { afterAll, describe, expect, it } from 'vitest';
import { listTemplateFiles, ScaffoldConflictError, scaffoldProject } from './scaffold.js';
import { MODULE_TOKEN } from './python-module.js';
import { projectPath, substitutedFiles } from './substitutions.js';
import {
  NAME_TOKEN,
  RENAMED_FILES,
  resolveTemplatesDir,
  TEMPLATES,
  type TemplateInfo,
} from './templates.js';

const templatesDir = resolveTemplatesDir();
const values = (name: string) => ({
  name,
  transport: 'http' as const,
  connectSection: '## Connect\n\nCONNECT-MARKER',
});
const made: string[] = [];
/** A temp folder removed after the tests. */
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'scaffold-'));
  made.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
// Backups of replaced files would go under it; these tests replace nothing.
const homedir = tempDir();

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? listFiles(join(dir, entry.name), join(prefix, entry.name))
        : [join(prefix, entry.name)],
    )
    .sort();
}

describe('the template registry', () => {
  it('lists exactly the template folders', () => {
    const folders = readdirSync(templatesDir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(folders.sort()).toEqual(TEMPLATES.map((t) => t.name).sort());
  });
});

describe.each(TEMPLATES)('scaffolding the $name template', (template: TemplateInfo) => {
  it('writes the template’s files, dotfiles renamed, and nothing else', () => {
    const target = join(tempDir(), 'project');
    const result = scaffoldProject({
      templatesDir,
      template,
      targetDir: target,
      values: values('weather-app'),
      homedir,
    });
    const expected = listTemplateFiles(join(templatesDir, template.name)).map((f) =>
      projectPath(template.name, f.target, values('weather-app')),
    );
    expect(listFiles(target)).toEqual([...expected].sort());
    expect(result.files.sort()).toEqual([...expected].sort());
    for (const [stored, real] of Object.entries(RENAMED_FILES)) {
      expect(listFiles(target)).not.toContain(stored);
      expect(listFiles(target)).toContain(real);
    }
  });

  it('names the Python package after the project', () => {
    const target = join(tempDir(), 'project');
    const result = scaffoldProject({
      templatesDir,
      template,
      targetDir: target,
      values: values('weather-app'),
      homedir,
    });
    const packaged = result.files.filter((file) => file.startsWith('src/'));
    if (template.language === 'python') {
      expect(packaged).toContain('src/weather_app/server.py');
      expect(packaged.every((file) => file.startsWith('src/weather_app/'))).toBe(true);
    } else {
      expect(packaged).toContain('src/server.ts');
    }
  });

  it('replaces every occurrence of the name token and the connect section', () => {
    const target = join(tempDir(), 'project');
    scaffoldProject({
      templatesDir,
      template,
      targetDir: target,
      values: values('weather-app'),
      homedir,
    });
    for (const file of listFiles(target)) {
      expect(readFileSync(join(target, file), 'utf8'), file).not.toContain(NAME_TOKEN);
      expect(readFileSync(join(target, file), 'utf8'), file).not.toContain(MODULE_TOKEN);
    }
    const readme = readFileSync(join(target, 'README.md'), 'utf8');
    expect(readme).toContain('CONNECT-MARKER');
    expect(readme).not.toContain('mcpkit:connect');
    for (const file of substitutedFiles(template.name)) {
      const written = projectPath(template.name, file, values('weather-app'));
      expect(readFileSync(join(target, written), 'utf8'), file).toMatch(
        /weather-app|weather_app|CONNECT-MARKER|'http'|"http"/,
      );
    }
  });

  it('keeps the file modes of the template', () => {
    const target = join(tempDir(), 'project');
    scaffoldProject({
      templatesDir,
      template,
      targetDir: target,
      values: values('weather-app'),
      homedir,
    });
    for (const { source, target: file } of listTemplateFiles(join(templatesDir, template.name))) {
      const mode = (path: string) => statSync(path).mode & 0o777;
      const written = projectPath(template.name, file, values('weather-app'));
      expect(mode(join(target, written)), file).toBe(
        mode(join(templatesDir, template.name, source)),
      );
    }
  });
});

describe('substituted values land as valid code and config', () => {
  it.each(['python', 'fastmcp'])(
    'a dotted name is a valid pyproject and Python package (%s)',
    (name) => {
      const target = join(tempDir(), 'project');
      scaffoldProject({
        templatesDir,
        template: TEMPLATES.find((t) => t.name === name)!,
        targetDir: target,
        values: values('weather.app_2'),
        homedir,
      });
      const pyproject = parseToml(readFileSync(join(target, 'pyproject.toml'), 'utf8')) as {
        project: { name: string; scripts: Record<string, string> };
        tool: { hatch: { build: { targets: { wheel: { packages: string[] } } } } };
      };
      expect(pyproject.project.name).toBe('weather.app_2');
      expect(pyproject.project.scripts).toEqual({ 'weather.app_2': 'weather_app_2.cli:main' });
      expect(pyproject.tool.hatch.build.targets.wheel.packages).toEqual(['src/weather_app_2']);
      const cli = readFileSync(join(target, 'src/weather_app_2/cli.py'), 'utf8');
      expect(cli).toContain('DEFAULT_TRANSPORT = "http"');
      expect(readFileSync(join(target, 'src/weather_app_2/__init__.py'), 'utf8')).toContain(
        'version("weather.app_2")',
      );
      expect(readFileSync(join(target, 'tests/test_server.py'), 'utf8')).toContain(
        'from weather_app_2.server import mcp',
      );
      const python = listFiles(target).filter((file) => file.endsWith('.py'));
      expect(python.length).toBeGreaterThan(5);
      execFileSync('python3', [
        '-c',
        'import ast,sys\nfor f in sys.argv[1:]: ast.parse(open(f).read(), f)',
        ...python.map((file) => join(target, file)),
      ]);
    },
  );

  it('package.json is edited as JSON: name and bin', () => {
    const target = join(tempDir(), 'project');
    const typescript = TEMPLATES.find((t) => t.name === 'typescript')!;
    scaffoldProject({
      templatesDir,
      template: typescript,
      targetDir: target,
      values: values('weather.app_2'),
      homedir,
    });
    const pkg = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8')) as {
      name: string;
      bin: Record<string, string>;
    };
    expect(pkg.name).toBe('weather.app_2');
    expect(pkg.bin).toEqual({ 'weather.app_2': 'dist/index.js' });
    expect(readFileSync(join(target, 'src/index.ts'), 'utf8')).toContain(
      "const DEFAULT_TRANSPORT: TransportKind = 'http';",
    );
  });
});

describe('a scaffold in the way of the user’s files', () => {
  it('refuses a file where the template has a folder, before writing anything', () => {
    const target = tempDir();
    writeFileSync(join(target, 'notes.txt'), 'mine');
    writeFileSync(join(target, 'tests'), 'in the way');
    const python = TEMPLATES.find((t) => t.name === 'python')!;
    expect(() =>
      scaffoldProject({
        templatesDir,
        template: python,
        targetDir: target,
        values: values('w'),
        homedir,
      }),
    ).toThrow(ScaffoldConflictError);
    expect(listFiles(target)).toEqual(['notes.txt', 'tests']);
    expect(readFileSync(join(target, 'notes.txt'), 'utf8')).toBe('mine');
  });
});
