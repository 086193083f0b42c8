// A client-conformance harness for the TypeScript SDK's Client (npm @modelcontextprotocol/sdk),
// used by tests/conformance/test_real_clients.py. The official contract: the server URL is the
// last argument, MCP_CONFORMANCE_SCENARIO names the scenario; over stdio it launches
// MCP_CONFORMANCE_SERVER_COMMAND. The flow: connect, list tools (every page) when the server
// declares tools, call the first tool, re-list after tools/list_changed, close. It declares
// sampling, elicitation (with the SDK's applyDefaults) and roots, as an agent host would.
// In the auth-* scenarios the transport gets the SDK's authProvider (an OAuthClientProvider kept in
// memory, offering a Client ID Metadata Document URL); its redirectToAuthorization follows the
// authorization URL without a person (one fetch, no redirect followed) and keeps code and state. The
// harness then does what the SDK leaves to the application: checks the state it generated, calls
// finishAuth(code) and retries (a new transport for connect, the same one for a step-up).
const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const { StreamableHTTPClientTransport } = require('@modelcontextprotocol/sdk/client/streamableHttp.js');
const { StdioClientTransport } = require('@modelcontextprotocol/sdk/client/stdio.js');
const types = require('@modelcontextprotocol/sdk/types.js');
const { UnauthorizedError } = require('@modelcontextprotocol/sdk/client/auth.js');
const crypto = require('node:crypto');

const scenario = process.env.MCP_CONFORMANCE_SCENARIO || 'initialize';

function splitShell(command) {
  // the runner quotes with Python's shlex.join: single quotes only
  const out = [];
  const re = /'([^']*)'|(\S+)/g;
  let m;
  while ((m = re.exec(command)) !== null) out.push(m[1] !== undefined ? m[1] : m[2]);
  return out;
}

const REDIRECT = 'http://localhost:3000/callback';

class HeadlessProvider {
  constructor() { this.clientMetadataUrl = 'https://conformance.example/ts-sdk-harness/client.json'; }
  get redirectUrl() { return REDIRECT; }
  get clientMetadata() {
    return { client_name: 'ts-sdk-harness', redirect_uris: [REDIRECT], grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'], token_endpoint_auth_method: 'none' };
  }
  state() { this.sentState = crypto.randomBytes(16).toString('hex'); return this.sentState; }
  clientInformation() { return this.client; }
  saveClientInformation(info) { this.client = info; }
  tokens() { return this.saved; }
  saveTokens(tokens) { this.saved = tokens; }
  saveCodeVerifier(verifier) { this.verifier = verifier; }
  codeVerifier() { return this.verifier; }
  async redirectToAuthorization(url) {
    const response = await fetch(url, { redirect: 'manual' });
    const back = new URL(response.headers.get('location'));
    this.code = back.searchParams.get('code');
    this.returnedState = back.searchParams.get('state');
  }
  takeCode() {
    if (!this.code) return null;
    if (this.sentState && this.returnedState !== this.sentState) throw new Error('the authorization response state differs');
    const code = this.code;
    this.code = null;
    return code;
  }
}

const provider = scenario.startsWith('auth-') ? new HeadlessProvider() : undefined;

function transport() {
  if (process.env.MCP_CONFORMANCE_TRANSPORT === 'stdio') {
    const argv = splitShell(process.env.MCP_CONFORMANCE_SERVER_COMMAND);
    return new StdioClientTransport({ command: argv[0], args: argv.slice(1) });
  }
  return new StreamableHTTPClientTransport(new URL(process.argv[process.argv.length - 1]), { authProvider: provider });
}

async function authorized(channel, action) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await action();
    } catch (err) {
      const code = provider && err instanceof UnauthorizedError && attempt < 3 ? provider.takeCode() : null;
      if (!code) throw err;
      await channel.finishAuth(code);
    }
  }
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
  let channel = transport();
  try {
    await client.connect(channel);
  } catch (err) {
    const code = provider && err instanceof UnauthorizedError ? provider.takeCode() : null;
    if (!code) throw err;
    await channel.finishAuth(code);
    channel = transport();
    await client.connect(channel);
  }
  try {
    if (!client.getServerCapabilities()?.tools) return;
    const tools = await authorized(channel, () => listAll(client));
    if (scenario === 'json-schema-2020-12-preservation') {
      const focal = tools.find((t) => t.name === 'json_schema_2020_12_tool');
      await client.callTool({ name: 'json_schema_echo', arguments: { schema: focal.inputSchema } });
      return;
    }
    if (tools.length === 0) return;
    const first = tools[0];
    const args = first.name === 'add_numbers' ? { a: 2, b: 3 } : {};
    await authorized(channel, () => client.callTool({ name: first.name, arguments: args }, undefined, { onprogress: () => {} }));
    if (changed) await listAll(client);
  } finally {
    if (channel.terminateSession) await channel.terminateSession().catch(() => {});
    await client.close();
  }
}

main().then(() => process.exit(0), (err) => { console.error(err && err.stack || err); process.exit(1); });
