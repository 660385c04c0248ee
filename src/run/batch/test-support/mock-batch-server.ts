/**
 * A local server (127.0.0.1, port 0) speaking both batch APIs on their real wire formats:
 * OpenAI `POST /v1/files` (multipart, purpose `batch`), `POST /v1/batches`,
 * `GET /v1/batches/{id}`, `GET /v1/files/{id}/content`; Anthropic `POST /v1/messages/batches`,
 * `GET /v1/messages/batches/{id}`, `GET /v1/messages/batches/{id}/results`. A batch ends
 * after `pollsToEnd` polls; faults: a request failing inside a batch, a batch that expires or
 * fails, slow completion. It counts what each request was paid for (answered in a batch).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface MockReply {
  text?: string;
  toolCalls?: { name: string; args: unknown }[];
}

export interface MockBatchOptions {
  /** Polls of a batch before it ends (default 1): slow completion is a larger number. */
  pollsToEnd?: number;
  /** The answer to one request (default: the first tool, then a plain text reply). */
  reply?: (body: Record<string, unknown>, api: 'openai' | 'anthropic') => MockReply;
  /** Whether this request fails inside its batch; `attempt` counts from 1 per custom id. */
  failRequest?: (customId: string, attempt: number) => boolean;
  /** How the n-th batch (0-based) ends: completed (default), expired, or failed. */
  batchFate?: (index: number) => 'completed' | 'expired' | 'failed';
  /** While this says so, the n-th batch (0-based) does not end however often it is polled. */
  holdBatch?: (index: number) => boolean;
  /** The key requests must carry. */
  apiKey?: string;
}

export interface MockBatchServer {
  /** Base URL for both APIs: `http://127.0.0.1:PORT/v1`. */
  url: string;
  /** Times each custom id was answered (and so paid for). */
  paid: Map<string, number>;
  /** Times each custom id was submitted in a batch. */
  submitted: Map<string, number>;
  /** Batches created, in order, with how often each was polled. */
  batches: { id: string; api: 'openai' | 'anthropic'; customIds: string[]; polls: number }[];
  /** Requests the server refused (bad auth, bad body), with the reason. */
  refused: string[];
  close(): Promise<void>;
}

interface Batch {
  id: string;
  api: 'openai' | 'anthropic';
  lines: { customId: string; body: Record<string, unknown> }[];
  polls: number;
  fate: 'completed' | 'expired' | 'failed';
  createdAt: number;
  index: number;
  inputFileId?: string;
  /** Set when ended. */
  results?: { customId: string; reply?: MockReply; body?: Record<string, unknown>; error?: string }[]; // prettier-ignore
  outputFileId?: string;
  errorFileId?: string;
}

export async function startMockBatchServer(
  options: MockBatchOptions = {},
): Promise<MockBatchServer> {
  const files = new Map<string, string>();
  const batches = new Map<string, Batch>();
  const attempts = new Map<string, number>();
  const state: Omit<MockBatchServer, 'url' | 'close'> = {
    paid: new Map(),
    submitted: new Map(),
    batches: [],
    refused: [],
  };
  const sockets = new Set<Socket>();
  let seq = 0;
  const next = (prefix: string) => `${prefix}${(++seq).toString(36).padStart(6, '0')}`;
  const reply = options.reply ?? defaultReply;

  function createBatch(api: Batch['api'], lines: Batch['lines'], inputFileId?: string): Batch {
    const batch: Batch = {
      id: next(api === 'openai' ? 'batch_' : 'msgbatch_'),
      api,
      lines,
      polls: 0,
      fate: options.batchFate?.(state.batches.length) ?? 'completed',
      createdAt: Math.floor(Date.now() / 1000),
      index: state.batches.length,
      ...(inputFileId ? { inputFileId } : {}),
    };
    batches.set(batch.id, batch);
    state.batches.push({ id: batch.id, api, customIds: lines.map((l) => l.customId), polls: 0 });
    for (const l of lines) state.submitted.set(l.customId, (state.submitted.get(l.customId) ?? 0) + 1); // prettier-ignore
    return batch;
  }

  /** Ends a batch once it has been polled enough: answers (and charges) its requests. */
  function advance(batch: Batch): void {
    if (batch.results) return;
    state.batches[batch.index]!.polls++;
    if (options.holdBatch?.(batch.index)) return;
    if (++batch.polls < (options.pollsToEnd ?? 1)) return;
    batch.results = batch.lines.map(({ customId, body }) => {
      if (batch.fate !== 'completed') return { customId, error: batch.fate };
      const attempt = (attempts.get(customId) ?? 0) + 1;
      attempts.set(customId, attempt);
      if (options.failRequest?.(customId, attempt)) return { customId, error: 'mock failure' };
      state.paid.set(customId, (state.paid.get(customId) ?? 0) + 1);
      return { customId, body, reply: reply(body, batch.api) };
    });
    if (batch.api === 'openai' && batch.fate !== 'failed') {
      const ok = batch.results.filter((r) => r.reply);
      const bad = batch.results.filter((r) => !r.reply);
      if (ok.length > 0) batch.outputFileId = putFile(ok.map((r) => openAIOutputLine(r, next('batch_req_'))));
      if (bad.length > 0) batch.errorFileId = putFile(bad.map((r) => openAIErrorLine(r, batch.fate, next('batch_req_'))));
    } // prettier-ignore
  }

  function putFile(lines: unknown[]): string {
    const id = next('file-');
    files.set(id, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    return id;
  }

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: Error) => send(res, 500, { error: { message: error.message } })); // prettier-ignore
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = (req.url ?? '/').split('?')[0]!;
    const anthropic = path.startsWith('/v1/messages/');
    const key = anthropic ? req.headers['x-api-key'] : req.headers['authorization']?.replace(/^Bearer /, ''); // prettier-ignore
    if (options.apiKey !== undefined && key !== options.apiKey) {
      state.refused.push(`${req.method} ${path}: bad key`);
      return send(res, 401, anthropic ? anthropicError('authentication_error', 'invalid x-api-key') : { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' } }); // prettier-ignore
    }
    if (anthropic && req.headers['anthropic-version'] === undefined) {
      state.refused.push(`${req.method} ${path}: no anthropic-version`);
      return send(res, 400, anthropicError('invalid_request_error', 'anthropic-version header is required')); // prettier-ignore
    }
    let m: RegExpMatchArray | null;
    if (req.method === 'POST' && path === '/v1/files') return uploadFile(req, raw, res);
    if (req.method === 'POST' && path === '/v1/batches')
      return createOpenAIBatch(JSON.parse(raw), res);
    if (req.method === 'GET' && (m = path.match(/^\/v1\/batches\/([\w-]+)$/))) {
      const batch = batches.get(m[1]!);
      if (!batch) return send(res, 404, { error: { message: 'No batch found', type: 'invalid_request_error' } }); // prettier-ignore
      advance(batch);
      return send(res, 200, openAIBatchObject(batch));
    }
    if (req.method === 'GET' && (m = path.match(/^\/v1\/files\/([\w-]+)\/content$/))) {
      const file = files.get(m[1]!);
      if (file === undefined) return send(res, 404, { error: { message: 'No such file' } });
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      return void res.end(file);
    }
    if (req.method === 'POST' && path === '/v1/messages/batches') return createAnthropicBatch(JSON.parse(raw), res); // prettier-ignore
    if (
      req.method === 'GET' &&
      (m = path.match(/^\/v1\/messages\/batches\/([\w-]+)(\/results)?$/))
    ) {
      const batch = batches.get(m[1]!);
      if (!batch) return send(res, 404, anthropicError('not_found_error', 'batch not found'));
      if (!m[2]) {
        advance(batch);
        return send(res, 200, anthropicBatchObject(batch, baseOf(req)));
      }
      if (!batch.results) return send(res, 400, anthropicError('invalid_request_error', 'batch has not ended')); // prettier-ignore
      res.writeHead(200, { 'content-type': 'application/binary' });
      return void res.end(batch.results.map((r) => JSON.stringify(anthropicResultLine(r, batch.fate))).join('\n') + '\n'); // prettier-ignore
    }
    send(res, 404, { error: { message: `no route ${req.method} ${path}` } });
  }

  function uploadFile(req: IncomingMessage, raw: string, res: ServerResponse): void {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(req.headers['content-type'] ?? '');
    if (!boundary) return send(res, 400, { error: { message: 'expected multipart/form-data' } });
    const parts = raw.split(`--${boundary[1] ?? boundary[2]}`);
    const field = (name: string) => {
      const part = parts.find((p) => new RegExp(`name="${name}"`).test(p));
      return part?.slice(part.indexOf('\r\n\r\n') + 4).replace(/\r\n$/, '');
    };
    if (field('purpose') !== 'batch') return send(res, 400, { error: { message: "purpose must be 'batch'" } }); // prettier-ignore
    const content = field('file');
    if (content === undefined) return send(res, 400, { error: { message: 'no file' } });
    const id = next('file-');
    files.set(id, content);
    send(res, 200, { id, object: 'file', bytes: Buffer.byteLength(content), created_at: Math.floor(Date.now() / 1000), filename: 'input.jsonl', purpose: 'batch' }); // prettier-ignore
  }

  function createOpenAIBatch(body: Record<string, unknown>, res: ServerResponse): void {
    const file = files.get(String(body['input_file_id']));
    if (
      file === undefined ||
      body['endpoint'] !== '/v1/chat/completions' ||
      body['completion_window'] !== '24h'
    ) {
      state.refused.push(`POST /v1/batches: ${JSON.stringify(body)}`);
      return send(res, 400, { error: { message: 'bad batch request', type: 'invalid_request_error' } }); // prettier-ignore
    }
    const lines = file.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as { custom_id: string; method: string; url: string; body: Record<string, unknown> }); // prettier-ignore
    const ids = new Set(lines.map((l) => l.custom_id));
    const valid = ids.size === lines.length && lines.every((l) => l.method === 'POST' && l.url === '/v1/chat/completions' && typeof l.body?.['model'] === 'string' && toolCallsAnswered(l.body['messages'], 'openai')); // prettier-ignore
    if (!valid) state.refused.push('POST /v1/batches: invalid input file');
    const batch = createBatch('openai', lines.map((l) => ({ customId: l.custom_id, body: l.body })), String(body['input_file_id'])); // prettier-ignore
    if (!valid) batch.fate = 'failed';
    send(res, 200, openAIBatchObject(batch));
  }

  function createAnthropicBatch(
    body: { requests?: { custom_id: string; params: Record<string, unknown> }[] },
    res: ServerResponse,
  ): void {
    // prettier-ignore
    const requests = body.requests ?? [];
    const ids = new Set(requests.map((r) => r.custom_id));
    const valid = requests.length > 0 && ids.size === requests.length && requests.every((r) => /^[a-zA-Z0-9_-]{1,64}$/.test(r.custom_id) && typeof r.params?.['model'] === 'string' && typeof r.params['max_tokens'] === 'number' && typeof r.params['system'] === 'string' && toolCallsAnswered(r.params['messages'], 'anthropic')); // prettier-ignore
    if (!valid) {
      state.refused.push('POST /v1/messages/batches: invalid requests');
      return send(res, 400, anthropicError('invalid_request_error', 'invalid batch requests'));
    }
    send(res, 200, anthropicBatchObject(createBatch('anthropic', requests.map((r) => ({ customId: r.custom_id, body: r.params }))), '')); // prettier-ignore
  }

  function openAIBatchObject(batch: Batch) {
    const ended = batch.results !== undefined;
    const status = !ended ? (batch.polls === 0 ? 'validating' : 'in_progress') : batch.fate;
    const now = Math.floor(Date.now() / 1000);
    const completed = batch.results?.filter((r) => r.reply).length ?? 0;
    return {
      id: batch.id, object: 'batch', endpoint: '/v1/chat/completions',
      errors: batch.fate === 'failed' && ended ? { object: 'list', data: [{ code: 'invalid_request', message: 'the input file failed validation', param: null, line: null }] } : null,
      input_file_id: batch.inputFileId, completion_window: '24h', status,
      output_file_id: batch.outputFileId ?? null, error_file_id: batch.errorFileId ?? null,
      created_at: batch.createdAt, in_progress_at: batch.polls > 0 ? batch.createdAt : null, expires_at: batch.createdAt + 86_400,
      finalizing_at: null, completed_at: ended && batch.fate === 'completed' ? now : null,
      failed_at: ended && batch.fate === 'failed' ? now : null, expired_at: ended && batch.fate === 'expired' ? now : null,
      cancelling_at: null, cancelled_at: null,
      request_counts: { total: batch.lines.length, completed, failed: ended ? batch.lines.length - completed : 0 },
      metadata: null,
    }; // prettier-ignore
  }

  function anthropicBatchObject(batch: Batch, base: string) {
    const ended = batch.results !== undefined;
    const count = (kind: string) => batch.results?.filter((r) => resultType(r, batch.fate) === kind).length ?? 0; // prettier-ignore
    const created = new Date(batch.createdAt * 1000);
    return {
      id: batch.id, type: 'message_batch', processing_status: ended ? 'ended' : 'in_progress',
      request_counts: { processing: ended ? 0 : batch.lines.length, succeeded: count('succeeded'), errored: count('errored'), canceled: 0, expired: count('expired') },
      ended_at: ended ? new Date().toISOString() : null, created_at: created.toISOString(),
      expires_at: new Date(created.getTime() + 86_400_000).toISOString(), archived_at: null, cancel_initiated_at: null,
      results_url: ended ? `${base}/v1/messages/batches/${batch.id}/results` : null,
    }; // prettier-ignore
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    ...state,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function resultType(r: { reply?: MockReply; error?: string }, fate: Batch['fate']): string {
  return r.reply ? 'succeeded' : fate === 'expired' ? 'expired' : 'errored';
}

function anthropicResultLine(r: NonNullable<Batch['results']>[number], fate: Batch['fate']) {
  const type = resultType(r, fate);
  if (type === 'succeeded') {
    const content = [
      ...(r.reply!.text !== undefined ? [{ type: 'text', text: r.reply!.text }] : []),
      ...(r.reply!.toolCalls ?? []).map((c, i) => ({ type: 'tool_use', id: `toolu_${i}_${r.customId.slice(0, 8)}`, name: c.name, input: c.args })), // prettier-ignore
    ];
    const message = {
      id: `msg_${r.customId.slice(0, 12)}`, type: 'message', role: 'assistant', model: r.body?.['model'], content,
      stop_reason: r.reply!.toolCalls?.length ? 'tool_use' : 'end_turn', stop_sequence: null,
      usage: { input_tokens: 100, output_tokens: 20 },
    }; // prettier-ignore
    return { custom_id: r.customId, result: { type, message } };
  }
  if (type === 'expired') return { custom_id: r.customId, result: { type } };
  return { custom_id: r.customId, result: { type, error: anthropicError('api_error', 'Internal server error (mock)') } }; // prettier-ignore
}

function openAIOutputLine(r: NonNullable<Batch['results']>[number], id: string) {
  const toolCalls = r.reply!.toolCalls?.map((c, i) => ({ id: `call_${i}_${r.customId.slice(0, 8)}`, type: 'function', function: { name: c.name, arguments: JSON.stringify(c.args) } })); // prettier-ignore
  return {
    id, custom_id: r.customId,
    response: {
      status_code: 200, request_id: `req_${r.customId.slice(0, 12)}`,
      body: {
        id: `chatcmpl-${r.customId.slice(0, 12)}`, object: 'chat.completion', created: Math.floor(Date.now() / 1000), model: r.body?.['model'],
        choices: [{ index: 0, message: { role: 'assistant', content: r.reply!.text ?? null, ...(toolCalls?.length && { tool_calls: toolCalls }) }, finish_reason: toolCalls?.length ? 'tool_calls' : 'stop' }],
        usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
      },
    },
    error: null,
  }; // prettier-ignore
}

function openAIErrorLine(
  r: NonNullable<Batch['results']>[number],
  fate: Batch['fate'],
  id: string,
) {
  if (fate === 'expired')
    return { id, custom_id: r.customId, response: null, error: { code: 'batch_expired', message: 'This request could not be executed before the completion window expired.' } }; // prettier-ignore
  return { id, custom_id: r.customId, response: { status_code: 500, request_id: `req_${r.customId.slice(0, 12)}`, body: { error: { message: 'The server had an error processing your request (mock)', type: 'server_error', param: null, code: null } } }, error: null }; // prettier-ignore
}

function anthropicError(type: string, message: string) {
  return { type: 'error', error: { type, message } };
}

/** First the first tool (when the request offers tools and none answered yet), then text. */
function defaultReply(body: Record<string, unknown>, api: 'openai' | 'anthropic'): MockReply {
  const tools = body['tools'] as { name?: string; function?: { name: string } }[] | undefined;
  const messages = JSON.stringify(body['messages'] ?? []);
  const answered = api === 'openai' ? messages.includes('"role":"tool"') : messages.includes('"tool_result"'); // prettier-ignore
  if (tools?.length && !answered) {
    const name = api === 'openai' ? tools[0]!.function!.name : tools[0]!.name!;
    return { toolCalls: [{ name, args: {} }] };
  }
  return { text: 'I have read everything and nothing here needs an action from me.' };
}

/**
 * What both APIs refuse otherwise: every tool call of an assistant turn answered right after
 * it (OpenAI: `tool` messages with its `tool_call_id`; Anthropic: the next user turn's
 * `tool_result` blocks with its `tool_use_id`).
 */
function toolCallsAnswered(messages: unknown, api: 'openai' | 'anthropic'): boolean {
  if (!Array.isArray(messages)) return false;
  type Message = { role: string; content?: unknown; tool_calls?: { id: string }[]; tool_call_id?: string }; // prettier-ignore
  const list = messages as Message[];
  return list.every((m, i) => {
    if (m.role !== 'assistant') return true;
    if (api === 'openai') {
      const ids = (m.tool_calls ?? []).map((c) => c.id);
      const answered = list.slice(i + 1, i + 1 + ids.length).map((t) => t.role === 'tool' && t.tool_call_id); // prettier-ignore
      return ids.every((id, k) => answered[k] === id);
    }
    const blocks = Array.isArray(m.content) ? (m.content as { type: string; id?: string }[]) : [];
    const ids = blocks.filter((b) => b.type === 'tool_use').map((b) => b.id);
    if (ids.length === 0) return true;
    const next = list[i + 1];
    const results = Array.isArray(next?.content) ? (next.content as { type: string; tool_use_id?: string }[]) : []; // prettier-ignore
    return next?.role === 'user' && ids.every((id) => results.some((r) => r.type === 'tool_result' && r.tool_use_id === id)); // prettier-ignore
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function baseOf(req: IncomingMessage): string {
  return `http://${req.headers.host ?? '127.0.0.1'}`;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
