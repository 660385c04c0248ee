import { afterEach, describe, expect, it } from 'vitest';
import { startMockOpenAI } from '../src/agent/providers/test-support/mock-openai.js';
import { reply, type MockServer } from '../src/agent/providers/test-support/script.js';
import { runGuardedAgent } from '../examples/guarded-agent.js';

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const leak =
  'Here is our plan: list price rises 14 percent in March while the enterprise discount floor drops to 22 percent for renewals.';

describe('examples/guarded-agent.ts against the mock server', () => {
  it('a confidential leak is refused and the model sees why; nothing is sent', async () => {
    server = await startMockOpenAI([
      reply.text('', {
        toolCalls: [{ id: 'c1', name: 'read_document', args: { id: 'pricing-2027' } }],
      }),
      reply.text('', {
        toolCalls: [
          { id: 'c2', name: 'send_email', args: { to: 'partner@rival.example', body: leak } },
        ],
      }),
      reply.text('I could not send it: the plan is confidential.'),
    ]);
    const out = await runGuardedAgent({
      baseURL: server.url,
      apiKey: 'sk-test',
      prompt: 'Send the pricing plan to the partner.',
    });
    expect(out.sent).toEqual([]);
    expect(out.text).toMatch(/confidential/);
    const third = JSON.stringify(server.requests[2]!.body);
    expect(third).toContain(
      'blocked by the guard: confidential material may not be sent outside the company',
    );
  });

  it('ordinary mail goes out', async () => {
    server = await startMockOpenAI([
      reply.text('', {
        toolCalls: [
          {
            id: 'c1',
            name: 'send_email',
            args: {
              to: 'buyer@customer.example',
              body: 'The Halden sensor reads soil moisture every ten minutes.',
            },
          },
        ],
      }),
      reply.text('Sent.'),
    ]);
    const out = await runGuardedAgent({
      baseURL: server.url,
      apiKey: 'sk-test',
      prompt: 'Answer the buyer.',
    });
    expect(out.sent).toHaveLength(1);
  });
});
