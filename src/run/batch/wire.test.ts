/**
 * The batch request bodies carry a conversation the way each API wants it, and replies come
 * back as the same `ModelResponse` a live call gives.
 */
import { expect, it } from 'vitest';
import type { ModelRequest } from '../../agent/model.js';
import { messageParams, responseFromMessage } from './anthropic-wire.js';
import { chatCompletionBody, responseFromCompletion } from './openai-wire.js';

const request: ModelRequest = {
  system: 'You are Ada.',
  messages: [
    { role: 'user', content: 'Check the inbox.' },
    {
      role: 'assistant',
      content: '',
      toolCalls: [
        { id: 't1', name: 'read_inbox', args: {}, providerReasoning: [{ text: 'look first', signature: 'sig' }] },
        { id: 't2', name: 'read_email', args: { email_id: 'm1' } },
      ],
    },
    { role: 'tool', toolCallId: 't1', toolName: 'read_inbox', content: '3 emails', isError: false },
    { role: 'tool', toolCallId: 't2', toolName: 'read_email', content: 'no such email', isError: true },
  ],
  tools: [{ name: 'read_inbox', description: 'Lists the inbox.', parameters: { type: 'object' } }],
  settings: { temperature: 0.5, maxTokens: 800 },
  sample: 0,
  seed: 1,
}; // prettier-ignore

it('writes OpenAI chat messages with tool calls and their results in order', () => {
  const body = chatCompletionBody('openai', 'gpt-4.1', request);
  expect(body).toMatchObject({ model: 'gpt-4.1', temperature: 0.5, max_tokens: 800 });
  expect(body['messages']).toEqual([
    { role: 'system', content: 'You are Ada.' },
    { role: 'user', content: 'Check the inbox.' },
    {
      role: 'assistant',
      content: null,
      tool_calls: [
        { id: 't1', type: 'function', function: { name: 'read_inbox', arguments: '{}' } },
        { id: 't2', type: 'function', function: { name: 'read_email', arguments: '{"email_id":"m1"}' } },
      ],
    },
    { role: 'tool', tool_call_id: 't1', content: '3 emails' },
    { role: 'tool', tool_call_id: 't2', content: 'no such email' },
  ]); // prettier-ignore
  expect(body['tools']).toEqual([{ type: 'function', function: { name: 'read_inbox', description: 'Lists the inbox.', parameters: { type: 'object' } } }]); // prettier-ignore
  // Reasoning models: no temperature, max_completion_tokens.
  const o3 = chatCompletionBody('openai', 'o3', request);
  expect(o3).not.toHaveProperty('temperature');
  expect(o3).toMatchObject({ max_completion_tokens: 800 });
});

it('writes Anthropic turns: signed thinking before tool_use, results in one user turn', () => {
  const params = messageParams('claude-sonnet-4-5', request);
  expect(params).toMatchObject({ model: 'claude-sonnet-4-5', max_tokens: 800, system: 'You are Ada.', temperature: 0.5 }); // prettier-ignore
  expect(params['messages']).toEqual([
    { role: 'user', content: 'Check the inbox.' },
    {
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 'look first', signature: 'sig' },
        { type: 'tool_use', id: 't1', name: 'read_inbox', input: {} },
        { type: 'tool_use', id: 't2', name: 'read_email', input: { email_id: 'm1' } },
      ],
    },
    {
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 't1', content: '3 emails' },
        { type: 'tool_result', tool_use_id: 't2', content: 'no such email', is_error: true },
      ],
    },
  ]);
  expect(params['tools']).toEqual([{ name: 'read_inbox', description: 'Lists the inbox.', input_schema: { type: 'object' } }]); // prettier-ignore
});

it('reads replies back: text, tool calls, reasoning, finish reason, usage', () => {
  const openai = responseFromCompletion(
    {
      id: 'chatcmpl-1',
      choices: [{ message: { content: null, tool_calls: [{ id: 'c1', function: { name: 'send_email', arguments: '{"to":"a@b"' } }] }, finish_reason: 'tool_calls' }],
      usage: { prompt_tokens: 10, completion_tokens: 5, completion_tokens_details: { reasoning_tokens: 2 } },
    },
    'req_1',
    1000,
  ); // prettier-ignore
  expect(openai).toMatchObject({ text: '', finishReason: 'tool-calls', requestId: 'req_1', usage: { inputTokens: 10, outputTokens: 5, reasoningTokens: 2 } }); // prettier-ignore
  expect(openai.toolCalls[0]).toMatchObject({ name: 'send_email', parseError: 'arguments are not valid JSON' }); // prettier-ignore
  const anthropic = responseFromMessage(
    {
      id: 'msg_1',
      content: [
        { type: 'thinking', thinking: 'hmm', signature: 's' },
        { type: 'text', text: 'Sending.' },
        { type: 'tool_use', id: 'tu1', name: 'send_email', input: { to: 'a@b' } },
      ],
      stop_reason: 'tool_use',
      usage: { input_tokens: 7, output_tokens: 3 },
    },
    500,
  );
  expect(anthropic).toMatchObject({ text: 'Sending.', reasoning: 'hmm', finishReason: 'tool-calls', requestId: 'msg_1' }); // prettier-ignore
  expect(anthropic.toolCalls).toEqual([{ id: 'tu1', name: 'send_email', args: { to: 'a@b' }, providerReasoning: [{ text: 'hmm', signature: 's' }] }]); // prettier-ignore
  expect(() => responseFromCompletion({ choices: [] }, undefined, 0)).toThrow(/without a choice/);
});
