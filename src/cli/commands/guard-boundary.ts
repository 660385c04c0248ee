import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import type { CommandContext, RegisterCommand } from '../main.js';
import { wholeNumber } from '../options.js';

interface McpOptions {
  policy: string;
  out: string;
  listen?: string;
  upstream?: string;
  token?: string;
  webhook?: string;
  hide: boolean;
}

interface ServeOptions {
  out: string;
  host: string;
  port: number;
  token?: string;
  webhook?: string;
}

/**
 * `turncoat guard mcp` and `turncoat guard serve`: the guard at the MCP boundary and the
 * approvals service. Adds them to the `guard` command group (created here if it is not yet).
 */
export const register: RegisterCommand = (program: Command, ctx: CommandContext) => {
  const guard =
    program.commands.find((command) => command.name() === 'guard') ??
    program
      .command('guard')
      .description('The runtime guard: policies, approvals, kill switch, audit');
  addBoundaryCommands(guard, ctx);
};

/** Adds `mcp` and `serve` to a `guard` command. */
export function addBoundaryCommands(guard: Command, ctx: CommandContext): void {
  guard
    .command('mcp')
    .description(
      'Guard an MCP server: relay the protocol and put every tools/call through the policy ' +
        '(stdio: the client starts this command; --listen: streamable HTTP, one guard session per MCP session)',
    )
    .argument('[server...]', 'after --: the command that starts the MCP server, and its arguments')
    .requiredOption('--policy <file>', 'guard policy (YAML)')
    .option(
      '--out <dir>',
      'output directory holding turncoat.db (approvals, kill switch, audit)',
      'turncoat-out',
    )
    .option(
      '--listen <host:port>',
      'serve streamable HTTP here instead of stdio (e.g. 127.0.0.1:8931)',
    )
    .option('--upstream <url>', "the MCP server's streamable-HTTP URL (instead of a command)")
    .option(
      '--token <token>',
      'bearer token clients must send (required for a non-loopback --listen; or TURNCOAT_GUARD_TOKEN)',
    )
    .option(
      '--webhook <url>',
      'notify holds, denials and kills here, signed with TURNCOAT_WEBHOOK_SECRET',
    )
    .option('--no-hide', 'keep tools the policy never allows in tools/list')
    .action((server: string[], options: McpOptions) => guardMcp(server, options, ctx));

  guard
    .command('serve')
    .description(
      'HTTP API over the guard store: pending holds, approve/deny, kill/resume, audit, incidents',
    )
    .option('--out <dir>', 'output directory holding turncoat.db', 'turncoat-out')
    .option('--host <host>', 'address to bind (anything but loopback needs --token)', '127.0.0.1')
    .option(
      '--port <n>',
      'port (0 picks a free one)',
      (raw: string) => wholeNumber('--port', raw, 0),
      8930,
    )
    .option('--token <token>', 'bearer token every request must send (or TURNCOAT_GUARD_TOKEN)')
    .option(
      '--webhook <url>',
      'notify kills made through the API, signed with TURNCOAT_WEBHOOK_SECRET',
    )
    .action((options: ServeOptions) => guardServe(options, ctx));
}

async function guardMcp(server: string[], options: McpOptions, ctx: CommandContext): Promise<void> {
  const [command, ...args] = server;
  if (options.upstream && command) {
    throw new InputError(
      `give either --upstream ${options.upstream} or a server command after --, not both`,
    );
  }
  if (!options.upstream && !command) {
    throw new InputError(
      'give the MCP server: a command after -- (turncoat guard mcp --policy p.yaml -- npx my-server) or --upstream URL',
    );
  }
  const listen = options.listen ? parseListen(options.listen) : undefined;
  const { createGuard, loadPolicyFile, openGuardStore } = await import('../../guard/index.js');
  const { guardAtBoundary } = await import('../../guard/mcp/guard-at-boundary.js');
  const { policy } = loadPolicyFile(options.policy);
  const notifier = await notifierFor(options.webhook, ctx);
  const store = openGuardStore(options.out);
  const guard = createGuard(policy, { store });
  const boundary = guardAtBoundary(guard, { notifier, hideNeverAllowed: options.hide });
  const upstream = options.upstream ? { url: options.upstream } : { command: command!, args };
  try {
    if (!listen) {
      // stdout is the MCP channel: everything for people goes to stderr.
      const { runStdioProxy } = await import('../../guard/mcp/stdio-proxy.js');
      const cause = await runStdioProxy({ upstream, guard: boundary });
      ctx.io.err(`turncoat guard mcp: session ended: ${cause}`);
      return;
    }
    const { startHttpProxy } = await import('../../guard/mcp/http-proxy.js');
    const token = options.token ?? process.env.TURNCOAT_GUARD_TOKEN;
    const proxy = await startHttpProxy({
      upstream,
      guard: boundary,
      ...listen,
      ...(token ? { token } : {}),
    });
    ctx.io.out(
      `turncoat guard mcp: guarding ${describe(upstream)} at ${proxy.url} (policy ${guard.policyHash.slice(0, 12)}); Ctrl-C stops`,
    );
    await untilStopped();
    await proxy.close();
  } finally {
    await notifier.drain();
    guard.close();
  }
}

async function guardServe(options: ServeOptions, ctx: CommandContext): Promise<void> {
  const { openGuardStore } = await import('../../guard/index.js');
  const { serveGuardApi } = await import('../../guard/serve/serve-guard-api.js');
  const notifier = await notifierFor(options.webhook, ctx);
  const store = openGuardStore(options.out);
  const token = options.token ?? process.env.TURNCOAT_GUARD_TOKEN;
  try {
    const api = await serveGuardApi({
      store,
      notifier,
      host: options.host,
      port: options.port,
      ...(token ? { token } : {}),
    });
    ctx.io.out(
      `turncoat guard serve: approvals API at ${api.url} over ${options.out}${token ? ' (bearer token required)' : ''}; Ctrl-C stops`,
    );
    await untilStopped();
    await api.close();
  } finally {
    await notifier.drain();
    store.audit.flush();
    store.close();
  }
}

async function notifierFor(url: string | undefined, ctx: CommandContext) {
  const { silentNotifier, webhookNotifier } = await import('../../guard/notify/webhook.js');
  if (!url) return silentNotifier;
  if (!/^https?:\/\//.test(url)) throw new InputError(`--webhook '${url}' is not an http(s) URL`);
  const secret = process.env.TURNCOAT_WEBHOOK_SECRET;
  if (!secret)
    throw new InputError('--webhook needs the signing secret in TURNCOAT_WEBHOOK_SECRET');
  return webhookNotifier({
    url,
    secret,
    onGiveUp: (event, cause) =>
      ctx.io.err(`turncoat: webhook gave up on ${event.type} ${event.id}: ${cause}`),
  });
}

/** `127.0.0.1:8931`, `[::1]:8931` or `:8931` (loopback). */
function parseListen(value: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(value);
  const port = Number(match?.[3]);
  if (!match || !(port >= 0 && port <= 65535)) {
    throw new InputError(`--listen '${value}' is not host:port (e.g. 127.0.0.1:8931)`);
  }
  return { host: match[1] ?? (match[2] || '127.0.0.1'), port };
}

function describe(upstream: { url: string } | { command: string; args: string[] }): string {
  return 'url' in upstream ? upstream.url : [upstream.command, ...upstream.args].join(' ');
}

function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
