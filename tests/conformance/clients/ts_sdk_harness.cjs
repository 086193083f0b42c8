// A client-conformance harness for the TypeScript SDK's Client (npm @modelcontextprotocol/sdk),
// used by tests/conformance/test_real_clients.py. The official contract: the server URL is the
// last argument, MCP_CONFORMANCE_SCENARIO names the scenario; over stdio it launches
// MCP_CONFORMANCE_SERVER_COMMAND. The flow: connect, list tools (every page) when the server
// declares tools, call the first tool, re-list after tools/list_changed, close. It declares
// sampling, elicitation (with the SDK's applyDefaults) and roots, as an agent host would.
const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const { StreamableHTTPClientTransport } = require('@modelcontextprotocol/sdk/client/streamableHttp.js');
const { StdioClientTransport } = require('@modelcontextprotocol/sdk/client/stdio.js');
const types = require('@modelcontextprotocol/sdk/types.js');

const scenario = process.env.MCP_CONFORMANCE_SCENARIO || 'initialize';

function splitShell(command) {
  // the runner quotes with Python's shlex.join: single quotes only
  const out = [];
  const re = /'([^']*)'|(\S+)/g;
  let m;
  while ((m = re.exec(command)) !== null) out.push(m[1] !== undefined ? m[1] : m[2]);
  return out;
}

function transport() {
  if (process.env.MCP_CONFORMANCE_TRANSPORT === 'stdio') {
    const argv = splitShell(process.env.MCP_CONFORMANCE_SERVER_COMMAND);
    return new StdioClientTransport({ command: argv[0], args: argv.slice(1) });
  }
  return new StreamableHTTPClientTransport(new URL(process.argv[process.argv.length - 1]));
}

async function listAll(client) {
  const tools = [];
  let cursor;
  do {
    const page = await client.listTools(cursor ? { cursor } : undefined);
    tools.push(...page.tools);
    cursor = page.nextCursor;
  } while (cursor);
  return tools;
}

async function main() {
  const client = new Client({ name: 'ts-sdk-harness', version: '1.0.0' },
    { capabilities: { sampling: {}, elicitation: { form: { applyDefaults: true } }, roots: {} } });
  client.setRequestHandler(types.CreateMessageRequestSchema, async () => ({
    role: 'assistant', content: { type: 'text', text: 'hello' }, model: 'ts-harness-model', stopReason: 'endTurn' }));
  client.setRequestHandler(types.ElicitRequestSchema, async (request) => {
    const schema = request.params.requestedSchema || {};
    const content = {};
    for (const name of schema.required || []) content[name] = 'Ada';
    return { action: 'accept', content };
  });
  client.setRequestHandler(types.ListRootsRequestSchema, async () => ({ roots: [{ uri: 'file:///tmp/project', name: 'project' }] }));
  let changed = false;
  client.setNotificationHandler(types.ToolListChangedNotificationSchema, async () => { changed = true; });
  const channel = transport();
  await client.connect(channel);
  try {
    if (!client.getServerCapabilities()?.tools) return;
    const tools = await listAll(client);
    if (scenario === 'json-schema-2020-12-preservation') {
      const focal = tools.find((t) => t.name === 'json_schema_2020_12_tool');
      await client.callTool({ name: 'json_schema_echo', arguments: { schema: focal.inputSchema } });
      return;
    }
    if (tools.length === 0) return;
    const first = tools[0];
    const args = first.name === 'add_numbers' ? { a: 2, b: 3 } : {};
    await client.callTool({ name: first.name, arguments: args }, undefined, { onprogress: () => {} });
    if (changed) await listAll(client);
  } finally {
    if (channel.terminateSession) await channel.terminateSession().catch(() => {});
    await client.close();
  }
}

main().then(() => process.exit(0), (err) => { console.error(err && err.stack || err); process.exit(1); });
