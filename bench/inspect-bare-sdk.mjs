// Baseline of the mcp-inspect benchmarks, not a benchmark itself: what a user would write by
// hand on the official SDK v2 client — connect, list the tools, print them as JSON, close.
//   node bench/inspect-bare-sdk.mjs -- <command...>      (stdio)
//   node bench/inspect-bare-sdk.mjs --url <url>          (Streamable HTTP)
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';

const argv = process.argv.slice(2);
const [command, ...args] = argv.slice(argv.indexOf('--') + 1);
const transport =
  argv[0] === '--url'
    ? new StreamableHTTPClientTransport(new URL(argv[1]))
    : new StdioClientTransport({ command, args });
const client = new Client({ name: 'bare-sdk', version: '0.0.0' });
await client.connect(transport);
const { tools } = await client.listTools();
console.log(JSON.stringify({ tools }, null, 2));
await client.close();
