import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../agent/model.js';
import { stepsFromMessages } from './recorded-session.js';

const kinds = (steps: ReturnType<typeof stepsFromMessages>) =>
  steps.map((s) => (s.kind === 'call' ? `call ${s.call.call.id}` : `${s.kind} ${s.text}`));

describe('stepsFromMessages', () => {
  it('tools protocol: a later call of the same reply sees the result of the earlier one, not its own', () => {
    const messages: ChatMessage[] = [
      { role: 'user', content: 'inbox' },
      {
        role: 'assistant',
        content: 'two calls',
        toolCalls: [
          { id: 'a', name: 'read_email', args: {} },
          { id: 'b', name: 'send_email', args: {} },
        ],
      },
      {
        role: 'tool',
        toolCallId: 'a',
        toolName: 'read_email',
        content: 'result a',
        isError: false,
      },
      {
        role: 'tool',
        toolCallId: 'b',
        toolName: 'send_email',
        content: 'result b',
        isError: false,
      },
      { role: 'assistant', content: 'done' },
    ];
    const calls = [
      { id: 'a', name: 'read_email', args: {} },
      { id: 'b', name: 'send_email', args: {} },
    ];
    expect(kinds(stepsFromMessages(messages, calls))).toEqual([
      'read inbox',
      'said two calls',
      'call a',
      'read result a',
      'call b',
      'read result b',
      'said done',
    ]);
  });

  it('text protocol: every action tag sees the whole reply that made it', () => {
    const messages: ChatMessage[] = [
      { role: 'user', content: 'inbox' },
      { role: 'assistant', content: '<tool_use:email>...</tool_use:email>', reasoning: 'plan' },
    ];
    const steps = stepsFromMessages(messages, [
      { id: 'tag-1', name: 'send_email', args: { to: 'x@y.example' } },
      { id: 'tag-2', name: 'cancel_alert', args: 'not an object' },
    ]);
    expect(kinds(steps)).toEqual([
      'read inbox',
      'said <tool_use:email>...</tool_use:email>',
      'call tag-1',
      'call tag-2',
    ]);
    expect(steps[1]).toMatchObject({ reasoning: 'plan' });
    expect(steps[3]).toMatchObject({ call: { reference: '#2', call: { args: {} } } });
  });
});
