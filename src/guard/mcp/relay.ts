import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  ErrorCode,
  isJSONRPCErrorResponse,
  isJSONRPCNotification,
  isJSONRPCRequest,
  isJSONRPCResultResponse,
  type JSONRPCMessage,
  type JSONRPCRequest,
  type ListToolsResult,
  type RequestId,
} from '@modelcontextprotocol/sdk/types.js';
import type { BoundaryCall, BoundaryDecision, BoundaryGuard } from './boundary-guard.js';
import { APPROVAL_META_KEY } from './guard-result.js';
import { refusedResult } from './guard-result.js';
import { ToolCatalog } from './tool-catalog.js';

export interface RelayOptions {
  /** The guard's session id: the protocol's session id over HTTP, a fresh id over stdio. */
  session: string;
  /** Faces the MCP client (a server-side transport). */
  client: Transport;
  /** Faces the MCP server (a client-side transport). */
  upstream: Transport;
  guard: BoundaryGuard;
  /** How the upstream server is named in the audit (its command or URL). */
  server: string;
  /** Called once when the session ends, whatever the cause. */
  onEnd?: (cause: string) => void;
  /** How long the proxy waits for the server's own `tools/list` before a call (ms). */
  catalogTimeoutMs?: number;
  /**
   * Ask the person at the client about a hold when the client supports elicitation
   * (default true); how long to wait for their answer (default 10 minutes).
   */
  askAtClient?: boolean;
  askTimeoutMs?: number;
}

interface Forwarded {
  method: string;
  tool?: string;
  /** Set for a `tools/call`: what the guard allowed, reported back once it ran. */
  call?: BoundaryCall;
}

const PROXY_ID_PREFIX = 'turncoat-proxy-';

/**
 * Relays one MCP session between a client and a server, message for message, and puts
 * every `tools/call` through the guard. Everything else (initialize, resources, prompts,
 * notifications, cancellation, progress, server-to-client requests) passes unchanged;
 * `tools/list` results lose the tools the policy never allows.
 *
 * @example
 * const relay = new McpRelay({ session, client: new StdioServerTransport(), upstream, guard, server: 'npx my-server' });
 * await relay.start();
 */
export class McpRelay {
  private readonly forwarded = new Map<RequestId, Forwarded>();
  private readonly checking = new Map<RequestId, { cancelled: boolean }>();
  private readonly progressOwners = new Map<string | number, RequestId>();
  private readonly ownRequests = new Map<string, (message: JSONRPCMessage) => void>();
  private readonly clientAnswers = new Map<string, (message: JSONRPCMessage) => void>();
  private clientElicits = false;
  private readonly catalog = new ToolCatalog();
  private ownIds = 0;
  private killed = false;
  private ended = false;
  private readonly endedPromise: Promise<string>;
  private resolveEnded!: (cause: string) => void;

  constructor(private readonly options: RelayOptions) {
    this.endedPromise = new Promise((resolve) => (this.resolveEnded = resolve));
  }

  get session(): string {
    return this.options.session;
  }

  /** Resolves with the cause once the session has ended. */
  get done(): Promise<string> {
    return this.endedPromise;
  }

  /** Requests still waiting for the guard or the server. */
  get inFlight(): number {
    return this.forwarded.size + this.checking.size;
  }

  get isOpen(): boolean {
    return !this.ended;
  }

  /** Wires both transports and starts them: the server first, so the client's first message finds it. */
  async start(): Promise<void> {
    const { client, upstream } = this.options;
    upstream.onmessage = (message) => this.fromServer(message);
    upstream.onclose = () => {
      if (this.ended) return;
      this.options.guard.record({
        kind: 'server-crash',
        session: this.session,
        detail: 'the MCP server closed its connection',
      });
      void this.end('the MCP server exited or closed its connection');
    };
    upstream.onerror = () => {};
    client.onmessage = (message) => this.fromClient(message);
    client.onclose = () => void this.end('the client closed the session');
    client.onerror = (error) => {
      this.options.guard.record({
        kind: 'malformed',
        session: this.session,
        detail: error.message,
      });
    };
    await upstream.start();
    await client.start();
    this.options.guard.record({
      kind: 'session-start',
      session: this.session,
      server: this.options.server,
    });
  }

  /** Ends the session: answers every call still in flight with an error, closes both sides. */
  async end(cause: string): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    for (const [id, pending] of this.forwarded) {
      await this.toClient(
        errorResponse(id, ErrorCode.ConnectionClosed, `turncoat: ${cause}`),
        pending.tool,
      );
    }
    this.forwarded.clear();
    for (const answer of [...this.ownRequests.values(), ...this.clientAnswers.values()]) {
      answer(closedAnswer);
    }
    this.ownRequests.clear();
    this.clientAnswers.clear();
    this.options.guard.record({ kind: 'session-end', session: this.session, cause });
    await this.options.upstream.close().catch(() => {});
    await this.options.client.close().catch(() => {});
    this.options.onEnd?.(cause);
    this.resolveEnded(cause);
  }

  private fromClient(message: JSONRPCMessage): void {
    if (isJSONRPCResultResponse(message) || isJSONRPCErrorResponse(message)) {
      const answer =
        typeof message.id === 'string' ? this.clientAnswers.get(message.id) : undefined;
      if (answer) {
        this.clientAnswers.delete(message.id as string);
        answer(message);
        return;
      }
    }
    if (isJSONRPCRequest(message)) {
      if (message.method === 'initialize') {
        const capabilities = (message.params as { capabilities?: { elicitation?: unknown } })
          .capabilities;
        this.clientElicits = capabilities?.elicitation !== undefined;
      }
      if (message.method === 'tools/call') {
        void this.toolCall(message);
        return;
      }
      this.forward(message);
      return;
    }
    if (isJSONRPCNotification(message) && message.method === 'notifications/cancelled') {
      const requestId = (message.params as { requestId?: RequestId } | undefined)?.requestId;
      const check = requestId === undefined ? undefined : this.checking.get(requestId);
      if (check) {
        // Never forwarded: the server has nothing to cancel.
        check.cancelled = true;
        return;
      }
    }
    // Notifications and the client's answers to the server's own requests pass as they are.
    void this.toServer(message);
  }

  private forward(request: JSONRPCRequest, call?: BoundaryCall): void {
    this.forwarded.set(request.id, {
      method: request.method,
      tool: toolName(request),
      ...(call ? { call } : {}),
    });
    const token = (request.params?._meta as { progressToken?: string | number } | undefined)
      ?.progressToken;
    if (token !== undefined) this.progressOwners.set(token, request.id);
    void this.toServer(request);
  }

  private async toolCall(request: JSONRPCRequest): Promise<void> {
    const params = request.params as
      { name?: unknown; arguments?: unknown; _meta?: Record<string, unknown> } | undefined;
    if (typeof params?.name !== 'string' || !isArgs(params.arguments)) {
      const detail = `tools/call ${String(request.id)} needs params.name (a string) and params.arguments (an object)`;
      this.options.guard.record({ kind: 'malformed', session: this.session, detail });
      await this.toClient(errorResponse(request.id, ErrorCode.InvalidParams, detail));
      return;
    }
    const tool = params.name;
    if (this.killed || this.ended) {
      await this.refuse(request.id, {
        decision: 'kill',
        reason: 'this session was ended by the guard',
      });
      return;
    }
    const check = { cancelled: false };
    this.checking.set(request.id, check);
    let decision: BoundaryDecision;
    let call: BoundaryCall = { tool, args: params.arguments ?? {} };
    try {
      await this.loadCatalog();
      const annotations = this.catalog.annotationsOf(tool);
      const approvalId = params._meta?.[APPROVAL_META_KEY];
      call = {
        tool,
        args: params.arguments ?? {},
        ...(annotations ? { annotations } : {}),
        ...(typeof approvalId === 'string' ? { approvalId } : {}),
      };
      decision = await this.options.guard.check(call, this.session);
    } catch (error) {
      // The guard fails closed: a call it could not judge does not run.
      decision = {
        decision: 'deny',
        rule: 'guard-error',
        reason: `the guard failed: ${messageOf(error)}`,
      };
    } finally {
      this.checking.delete(request.id);
    }
    if (decision.decision === 'hold' && decision.approvalId && !check.cancelled) {
      decision = await this.askAtClient(call, decision, request.id);
    }
    if (check.cancelled) return;
    // Read again with no await before the send: a kill that landed during the check wins.
    if (
      decision.decision === 'allow' &&
      (this.killed || this.options.guard.isKilled(this.session))
    ) {
      decision = { decision: 'kill', rule: 'kill-switch', reason: 'the kill switch is on' };
    }
    if (decision.decision === 'allow' && !this.ended) {
      this.forward(request, call);
      return;
    }
    await this.refuse(request.id, decision);
    if (decision.decision === 'kill') {
      this.killed = true;
      await this.end(`killed by the guard: ${decision.reason}`);
    }
  }

  /**
   * Shows a held call to the person at the client (MCP elicitation) and records their answer
   * as an approval or a denial. Any other outcome (no support, cancel, timeout) leaves the
   * hold pending for the approvals API.
   */
  private async askAtClient(
    call: BoundaryCall,
    hold: BoundaryDecision,
    requestId: RequestId,
  ): Promise<BoundaryDecision> {
    const { guard } = this.options;
    const approvalId = hold.approvalId!;
    if (!this.clientElicits || !guard.answerHold || this.options.askAtClient === false) return hold;
    const args = JSON.stringify(call.args);
    const reply = await this.requestClient(
      'elicitation/create',
      {
        message:
          `The turncoat guard holds a tool call for a person${hold.rule ? ` (rule ${hold.rule})` : ''}: ` +
          `${hold.reason}.\nTool: ${call.tool}\nArguments: ${args.length > 2000 ? `${args.slice(0, 2000)}...` : args}\n` +
          `Accept to let it run once (give your name), decline to refuse it.`,
        requestedSchema: {
          type: 'object',
          properties: {
            approver: {
              type: 'string',
              title: 'Your name',
              description: 'kept in the audit trail',
            },
          },
          required: ['approver'],
        },
      },
      requestId,
    ).catch(() => undefined);
    if (!reply || !isJSONRPCResultResponse(reply)) return hold;
    const { action, content } = reply.result as {
      action?: string;
      content?: { approver?: unknown };
    };
    const approver = typeof content?.approver === 'string' ? content.approver.trim() : '';
    if (action === 'accept' && approver) {
      if (!guard.answerHold(approvalId, { approve: true, approver })) return hold;
      return guard.check({ ...call, approvalId }, this.session);
    }
    if (action === 'decline') {
      const who = approver || 'the person at the client';
      guard.answerHold(approvalId, {
        approve: false,
        approver: who,
        reason: 'declined at the client',
      });
      return {
        decision: 'deny',
        ...(hold.rule ? { rule: hold.rule } : {}),
        reason: `declined by ${who}`,
      };
    }
    return hold;
  }

  /** A request of the proxy's own to the client, answered in `fromClient`. */
  private async requestClient(
    method: string,
    params: Record<string, unknown>,
    relatedRequestId: RequestId,
  ): Promise<JSONRPCMessage> {
    const id = `${PROXY_ID_PREFIX}${++this.ownIds}`;
    let timer: NodeJS.Timeout | undefined;
    const answer = new Promise<JSONRPCMessage>((resolve, reject) => {
      this.clientAnswers.set(id, resolve);
      timer = setTimeout(() => {
        this.clientAnswers.delete(id);
        reject(new Error('no answer from the client in time'));
      }, this.options.askTimeoutMs ?? 600_000);
      timer.unref();
    });
    try {
      await this.options.client.send({ jsonrpc: '2.0', id, method, params }, { relatedRequestId });
      return await answer;
    } finally {
      clearTimeout(timer);
      this.clientAnswers.delete(id);
    }
  }

  private async refuse(id: RequestId, decision: BoundaryDecision): Promise<void> {
    await this.toClient({ jsonrpc: '2.0', id, result: refusedResult(decision) });
  }

  private fromServer(message: JSONRPCMessage): void {
    if (isJSONRPCResultResponse(message) || isJSONRPCErrorResponse(message)) {
      const id = message.id;
      if (id !== undefined && typeof id === 'string' && this.ownRequests.has(id)) {
        this.ownRequests.get(id)?.(message);
        this.ownRequests.delete(id);
        return;
      }
      const pending = id === undefined ? undefined : this.forwarded.get(id);
      if (id !== undefined) this.forwarded.delete(id);
      if (pending && isJSONRPCResultResponse(message)) this.afterResult(pending, message);
      if (pending?.call) {
        const failed = isJSONRPCErrorResponse(message) || message.result.isError === true;
        this.options.guard.record({
          kind: 'executed',
          session: this.session,
          call: pending.call,
          isError: failed,
          result: isJSONRPCErrorResponse(message)
            ? message.error.message
            : resultText(message.result),
        });
      }
      void this.toClient(message, pending?.tool);
      return;
    }
    if (isJSONRPCNotification(message)) {
      if (message.method === 'notifications/tools/list_changed') this.catalog.forget();
      const token = (message.params as { progressToken?: string | number } | undefined)
        ?.progressToken;
      const owner = token === undefined ? undefined : this.progressOwners.get(token);
      void this.toClient(message, undefined, owner);
      return;
    }
    void this.toClient(message);
  }

  /** Learns from results the proxy cares about; may rewrite `tools/list` in place. */
  private afterResult(pending: Forwarded, message: { result: Record<string, unknown> }): void {
    if (pending.method === 'initialize') {
      const version = message.result.protocolVersion;
      if (typeof version === 'string') this.options.upstream.setProtocolVersion?.(version);
    }
    if (pending.method === 'tools/list') {
      const result = message.result as ListToolsResult;
      if (!Array.isArray(result.tools)) return;
      this.catalog.learn(result.tools, !result.nextCursor);
      result.tools = result.tools.filter(
        (tool) => !this.options.guard.hides(tool.name, tool.annotations),
      );
    }
  }

  /** Asks the server for its tools itself when the client called one before listing them. */
  private async loadCatalog(): Promise<void> {
    let cursor: string | undefined;
    while (!this.catalog.known && !this.ended) {
      const id = `${PROXY_ID_PREFIX}${++this.ownIds}`;
      const answer = new Promise<JSONRPCMessage>((resolve, reject) => {
        this.ownRequests.set(id, resolve);
        setTimeout(
          () => reject(new Error('the server did not list its tools in time')),
          this.options.catalogTimeoutMs ?? 10_000,
        ).unref();
      });
      await this.toServer({
        jsonrpc: '2.0',
        id,
        method: 'tools/list',
        params: cursor ? { cursor } : {},
      });
      const message = await answer.finally(() => this.ownRequests.delete(id));
      if (!isJSONRPCResultResponse(message)) {
        this.catalog.learn([], true); // a server without tools/list: calls carry no annotations
        return;
      }
      const result = message.result as ListToolsResult;
      cursor = result.nextCursor;
      this.catalog.learn(result.tools ?? [], !cursor);
    }
  }

  private async toServer(message: JSONRPCMessage): Promise<void> {
    try {
      await this.options.upstream.send(message);
    } catch (error) {
      if (isJSONRPCRequest(message) && !String(message.id).startsWith(PROXY_ID_PREFIX)) {
        this.forwarded.delete(message.id);
        await this.toClient(
          errorResponse(
            message.id,
            ErrorCode.ConnectionClosed,
            `turncoat: the MCP server could not be reached: ${messageOf(error)}`,
          ),
        );
      }
    }
  }

  private async toClient(
    message: JSONRPCMessage,
    tool?: string,
    relatedRequestId?: RequestId,
  ): Promise<void> {
    try {
      await this.options.client.send(
        message,
        relatedRequestId === undefined ? {} : { relatedRequestId },
      );
    } catch (error) {
      if (isJSONRPCResultResponse(message) || isJSONRPCErrorResponse(message)) {
        this.options.guard.record({
          kind: 'client-gone',
          session: this.session,
          ...(tool ? { tool } : {}),
          detail: `the client left before its answer arrived: ${messageOf(error)}`,
        });
      }
    }
  }
}

const closedAnswer: JSONRPCMessage = {
  jsonrpc: '2.0',
  id: 0,
  error: { code: ErrorCode.ConnectionClosed, message: 'the session ended' },
};

function toolName(request: JSONRPCRequest): string | undefined {
  const name = (request.params as { name?: unknown } | undefined)?.name;
  return request.method === 'tools/call' && typeof name === 'string' ? name : undefined;
}

/** The text a tool result showed the agent (what the guard's session learns it has read). */
function resultText(result: Record<string, unknown>): string {
  const content = Array.isArray(result.content)
    ? (result.content as Array<Record<string, unknown>>)
    : [];
  const parts = content.map((part) => {
    if (part.type === 'text' && typeof part.text === 'string') return part.text;
    const resource = part.resource as { text?: unknown } | undefined;
    return typeof resource?.text === 'string' ? resource.text : '';
  });
  if (result.structuredContent !== undefined) parts.push(JSON.stringify(result.structuredContent));
  return parts.filter(Boolean).join('\n');
}

function isArgs(value: unknown): value is Record<string, unknown> | undefined {
  return (
    value === undefined || (typeof value === 'object' && value !== null && !Array.isArray(value))
  );
}

function errorResponse(id: RequestId, code: number, message: string): JSONRPCMessage {
  return { jsonrpc: '2.0', id, error: { code, message } };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
