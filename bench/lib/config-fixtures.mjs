// The claude_desktop_config.json fixture set used by bench/config.mjs and
// bench/config-compare.mjs: one realistic file as Claude Desktop users have it (4-space
// indent, the app's own `globalShortcut` and `preferences`, Windows paths, non-ASCII server
// names, a one-line args array as READMEs print them) and the broken or odd variants.

/** The realistic file, LF line endings, final newline. */
export const REALISTIC = `{
    "mcpServers": {
        "filesystem": {
            "command": "npx",
            "args": ["-y", "@modelcontextprotocol/server-filesystem", "C:\\\\Users\\\\Zoë\\\\Desktop", "D:\\\\Projets\\\\Données"]
        },
        "météo-français": {
            "command": "C:\\\\Program Files\\\\nodejs\\\\node.exe",
            "args": [
                "C:\\\\Users\\\\Zoë\\\\mcp\\\\météo\\\\build\\\\index.js"
            ],
            "env": {
                "METEO_API_KEY": "sk-live-0123456789"
            }
        },
        "日本語サーバー": {
            "command": "uvx",
            "args": [
                "mcp-server-fetch"
            ]
        }
    },
    "globalShortcut": "Ctrl+Alt+Space",
    "preferences": {
        "menuBarEnabled": false,
        "quickEntryShortcut": "off"
    }
}
`;

/**
 * The fixtures, in table order. `text` is the file's content, or `null` for no file;
 * `dir: false` means the Claude folder itself is missing too.
 */
export const FIXTURES = [
  { id: 'a', label: '(a) realistic, 4-space, Windows paths, non-ASCII', text: REALISTIC },
  { id: 'b', label: '(b) UTF-8 BOM', text: `\uFEFF${REALISTIC}` },
  { id: 'c', label: '(c) CRLF', text: REALISTIC.replaceAll('\n', '\r\n') },
  {
    id: 'd',
    label: '(d) `// comment` line',
    text: REALISTIC.replace(
      '        "日本語サーバー"',
      '        // fetch: added by hand, do not touch\n        "日本語サーバー"',
    ),
  },
  {
    id: 'e',
    label: '(e) trailing comma',
    text: REALISTIC.replace('"quickEntryShortcut": "off"', '"quickEntryShortcut": "off",'),
  },
  { id: 'f', label: '(f) truncated mid-way', text: REALISTIC.slice(0, REALISTIC.indexOf('"env"')) },
  { id: 'g', label: '(g) empty file (0 bytes)', text: '' },
  { id: 'h1', label: '(h) missing file', text: null },
  { id: 'h2', label: '(h) missing directory', text: null, dir: false },
  {
    id: 'i',
    label: '(i) duplicate keys (`filesystem` twice)',
    text: REALISTIC.replace(
      '        "météo-français"',
      '        "filesystem": {\n            "command": "npx",\n            "args": ["-y", "@modelcontextprotocol/server-filesystem", "C:\\\\Users\\\\Zoë\\\\Documents"]\n        },\n        "météo-français"',
    ),
  },
];
