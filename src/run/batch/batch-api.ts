/**
 * The two provider batch APIs behind one small interface: submit requests, poll a batch,
 * read its results. OpenAI (and OpenAI-compatible servers): upload a JSONL file
 * (`POST /files`, purpose `batch`), `POST /batches`, `GET /batches/{id}`, then the output
 * and error files (`GET /files/{id}/content`). Anthropic: `POST /messages/batches`,
 * `GET /messages/batches/{id}`, then the JSONL at its `results_url`.
 */
import type { ModelRequest, ModelResponse } from '../../agent/model.js';
import { classifyError } from '../../agent/classify-error.js';
import { ProviderError } from '../../agent/providers/classify-error.js';
import type { ProviderName } from '../../agent/providers/model-id.js';
import { redactSecrets } from '../../agent/providers/redact.js';
import type { BatchApiName } from '../../store/batches.js';
import { messageParams, responseFromMessage } from './anthropic-wire.js';
import { chatCompletionBody, responseFromCompletion } from './openai-wire.js';

export interface BatchLine {
  customId: string;
  request: ModelRequest;
}

/** A batch as last seen: the provider's own status word and request counts. */
export interface BatchProgress {
  id: string;
  status: string;
  /** No request of it will change any more (completed, failed, expired, cancelled, ended). */
  ended: boolean;
  total: number;
  succeeded: number;
  failed: number;
}

/** One request's result: a response, or why it failed (retried in a later batch). */
export interface BatchOutcome {
  customId: string;
  response?: ModelResponse;
  error?: string;
}

export interface BatchResults {
  outcomes: BatchOutcome[];
  /** Why requests without a result have none (a failed or expired batch). */
  missing: string;
}

export interface BatchApi {
  api: BatchApiName;
  baseURL: string;
  submit(lines: BatchLine[]): Promise<BatchProgress>;
  poll(id: string): Promise<BatchProgress>;
  results(id: string, latencyMs: number): Promise<BatchResults>;
}

/** Providers with a batch API (`turncoat run --batch`). */
export const BATCH_PROVIDERS: readonly ProviderName[] = [
  'openai',
  'openai-compatible',
  'anthropic',
];

/**
 * The batch API for a model of one of the `BATCH_PROVIDERS`.
 * @example batchApiFor('anthropic', 'claude-sonnet-4-5', 'https://api.anthropic.com/v1', key)
 */
export function batchApiFor(
  provider: ProviderName,
  model: string,
  baseURL: string,
  apiKey: string | undefined,
): BatchApi {
  const base = baseURL.replace(/\/+$/, '');
  if (provider === 'anthropic') return anthropicBatches(model, base, apiKey);
  return openAIBatches(provider, model, base, apiKey);
}

function openAIBatches(
  provider: ProviderName,
  model: string,
  base: string,
  apiKey: string | undefined,
): BatchApi {
  const http = client(base, apiKey ? { authorization: `Bearer ${apiKey}` } : {}, apiKey);
  const progress = (b: OpenAIBatch): BatchProgress => ({
    id: b.id,
    status: b.status,
    ended: ['completed', 'failed', 'expired', 'cancelled'].includes(b.status),
    total: b.request_counts?.total ?? 0,
    succeeded: b.request_counts?.completed ?? 0,
    failed: b.request_counts?.failed ?? 0,
  });
  return {
    api: 'openai',
    baseURL: base,
    async submit(lines) {
      const jsonl = lines
        .map((l) => JSON.stringify({
          custom_id: l.customId,
          method: 'POST',
          url: '/v1/chat/completions',
          body: chatCompletionBody(provider, model, l.request),
        }))
        .join('\n'); // prettier-ignore
      const form = new FormData();
      form.append('purpose', 'batch');
      form.append('file', new Blob([`${jsonl}\n`], { type: 'application/jsonl' }), 'turncoat-batch.jsonl'); // prettier-ignore
      const file = (await http.send('POST', '/files', form)) as { id: string };
      const batch = (await http.send('POST', '/batches', {
        input_file_id: file.id,
        endpoint: '/v1/chat/completions',
        completion_window: '24h',
      })) as OpenAIBatch;
      return progress(batch);
    },
    poll: async (id) => progress((await http.send('GET', `/batches/${id}`)) as OpenAIBatch),
    async results(id, latencyMs) {
      const batch = (await http.send('GET', `/batches/${id}`)) as OpenAIBatch;
      const outcomes: BatchOutcome[] = [];
      for (const fileId of [batch.output_file_id, batch.error_file_id]) {
        if (!fileId) continue;
        const text = await http.text(`/files/${fileId}/content`);
        for (const line of jsonLines(text)) outcomes.push(openAIOutcome(line, latencyMs));
      }
      const reason = batch.errors?.data?.map((e) => e.message).join('; ');
      return { outcomes, missing: `batch ${batch.status}${reason ? `: ${reason}` : ''}` };
    },
  };
}

interface OpenAIBatch {
  id: string;
  status: string;
  output_file_id?: string | null;
  error_file_id?: string | null;
  errors?: { data?: { code?: string; message: string }[] } | null;
  request_counts?: { total: number; completed: number; failed: number };
}

interface OpenAILine {
  custom_id: string;
  response?: { status_code: number; request_id?: string; body?: unknown } | null;
  error?: { code?: string; message?: string } | null;
}

function openAIOutcome(line: unknown, latencyMs: number): BatchOutcome {
  const l = line as OpenAILine;
  const status = l.response?.status_code;
  if (status === 200 && !l.error) {
    try {
      return {
        customId: l.custom_id,
        response: responseFromCompletion(l.response!.body, l.response!.request_id, latencyMs),
      };
    } catch (error) {
      return { customId: l.custom_id, error: `invalid response: ${(error as Error).message}` };
    }
  }
  const body = l.response?.body as { error?: { message?: string } } | undefined;
  const message = l.error?.message ?? body?.error?.message ?? 'request failed';
  const code = l.error?.code ?? (status !== undefined ? `HTTP ${status}` : 'error');
  return { customId: l.custom_id, error: `${code}: ${message}` };
}

function anthropicBatches(model: string, base: string, apiKey: string | undefined): BatchApi {
  const headers: Record<string, string> = { 'anthropic-version': '2023-06-01' };
  if (apiKey) headers['x-api-key'] = apiKey;
  const http = client(base, headers, apiKey);
  const progress = (b: AnthropicBatch): BatchProgress => {
    const c = b.request_counts ?? {};
    const failed = (c.errored ?? 0) + (c.canceled ?? 0) + (c.expired ?? 0);
    return {
      id: b.id,
      status: b.processing_status,
      ended: b.processing_status === 'ended',
      total: (c.processing ?? 0) + (c.succeeded ?? 0) + failed,
      succeeded: c.succeeded ?? 0,
      failed,
    };
  };
  return {
    api: 'anthropic',
    baseURL: base,
    async submit(lines) {
      const requests = lines.map((l) => ({
        custom_id: l.customId,
        params: messageParams(model, l.request),
      }));
      return progress((await http.send('POST', '/messages/batches', { requests })) as AnthropicBatch); // prettier-ignore
    },
    poll: async (id) => progress((await http.send('GET', `/messages/batches/${id}`)) as AnthropicBatch), // prettier-ignore
    async results(id, latencyMs) {
      const batch = (await http.send('GET', `/messages/batches/${id}`)) as AnthropicBatch;
      // The key goes only to our own base URL, never to a host a response named.
      const url = batch.results_url?.startsWith(`${base}/`)
        ? batch.results_url.slice(base.length)
        : `/messages/batches/${id}/results`;
      const outcomes = jsonLines(await http.text(url)).map((line) => anthropicOutcome(line, latencyMs)); // prettier-ignore
      return { outcomes, missing: `batch ${batch.processing_status} without a result` };
    },
  };
}

interface AnthropicBatch {
  id: string;
  processing_status: string;
  results_url?: string | null;
  request_counts?: Partial<Record<'processing' | 'succeeded' | 'errored' | 'canceled' | 'expired', number>>; // prettier-ignore
}

interface AnthropicLine {
  custom_id: string;
  result: { type: string; message?: unknown; error?: { error?: { type?: string; message?: string } } }; // prettier-ignore
}

function anthropicOutcome(line: unknown, latencyMs: number): BatchOutcome {
  const { custom_id: customId, result } = line as AnthropicLine;
  if (result?.type === 'succeeded') {
    try {
      return { customId, response: responseFromMessage(result.message, latencyMs) };
    } catch (error) {
      return { customId, error: `invalid response: ${(error as Error).message}` };
    }
  }
  const inner = result?.error?.error;
  const detail = inner ? `${inner.type ?? 'error'}: ${inner.message ?? ''}` : 'no result';
  return { customId, error: `${result?.type ?? 'unknown'}: ${detail}` };
}

function jsonLines(text: string): unknown[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}

/** JSON over fetch; a failure is a ProviderError with the key redacted from its message. */
function client(base: string, headers: Record<string, string>, apiKey: string | undefined) {
  const call = async (method: string, path: string, body?: unknown): Promise<Response> => {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: body instanceof FormData || body === undefined ? headers : { ...headers, 'content-type': 'application/json' }, // prettier-ignore
        ...(body !== undefined && { body: body instanceof FormData ? body : JSON.stringify(body) }),
      });
    } catch (error) {
      throw ProviderError.from(error, [apiKey]);
    }
    if (!response.ok) {
      const text = redactSecrets(await response.text().catch(() => ''), [apiKey]).slice(0, 300);
      const category = classifyError({ status: response.status });
      throw new ProviderError(category, `HTTP ${response.status} from ${method} ${path}: ${text}`, response.status >= 500 || response.status === 429, undefined, response.status); // prettier-ignore
    }
    return response;
  };
  return {
    send: async (method: string, path: string, body?: unknown) =>
      (await call(method, path, body)).json() as Promise<unknown>,
    text: async (path: string) => (await call('GET', path)).text(),
  };
}
