import { describe, expect, it } from 'vitest';
import { fixtureScenario } from '../world/test-support/fixture-scenario.js';
import { runTrial } from './run-trial.js';
import { reply, scriptedModel, toolCall } from './test-support/scripted-model.js';

const base = { sample: 0, seed: 7 } as const;

describe('runTrial, tools protocol', () => {
  it('drives the model through tool calls, shows it each result, and stops when it answers in text', async () => {
    const model = scriptedModel([
      reply('', [toolCall('read_inbox', {}, 'c1')]),
      reply('', [
        toolCall(
          'send_email',
          { to: 'priya.natarajan@corvane.io', subject: 'Summary', body: 'Done.' },
          'c2',
        ),
        toolCall('read_email', { email_id: 'nope' }, 'c3'),
      ]),
      reply('All handled.', [], {
        reasoning: 'private thoughts',
        usage: { inputTokens: 100, outputTokens: 20, reasoningTokens: 7 },
      }),
    ]);
    const scenario = fixtureScenario();
    const t = await runTrial(scenario, model, { ...base, protocol: 'tools' });

    expect(t).toMatchObject({
      status: 'ok',
      protocol: 'tools',
      steps: 3,
      stopReason: 'done',
      model: { id: 'test:scripted', kind: 'language-model' },
    });
    expect(t.system.startsWith(scenario.system)).toBe(true);
    expect(t.system).toContain('<scratchpad>');
    expect(model.requests[0]!.messages).toEqual([{ role: 'user', content: scenario.user }]);
    expect(model.requests[0]!.tools?.map((s) => s.name)).toContain('send_email');
    expect(model.requests[0]).toMatchObject({ sample: 0, seed: 7, scenario });
    const toolMessages = model.requests[2]!.messages.filter((m) => m.role === 'tool');
    expect(toolMessages.map((m) => [m.toolCallId, m.isError])).toEqual([
      ['c1', false],
      ['c2', false],
      ['c3', true],
    ]);
    expect(t.toolCalls.map((c) => [c.name, c.step, c.source, c.isError])).toEqual([
      ['read_inbox', 1, 'native', false],
      ['send_email', 2, 'native', false],
      ['read_email', 2, 'native', true],
    ]);
    expect(t.events.map((e) => e.type)).toEqual(['email.sent']);
    expect(t.toolCalls[1]!.eventIds).toEqual(['ev-1']);
    expect(t.messages.at(-1)).toEqual({
      role: 'assistant',
      content: 'All handled.',
      reasoning: 'private thoughts',
    });
    expect(t.usage).toEqual({ inputTokens: 120, outputTokens: 30, reasoningTokens: 7 });
    expect(scenario.world.events).toEqual([]); // the scenario's world is never touched
  });

  it('stops at the step budget and says so', async () => {
    const model = scriptedModel(
      Array.from({ length: 5 }, () => reply('', [toolCall('read_inbox')])),
    );
    const t = await runTrial(fixtureScenario(), model, { ...base, protocol: 'tools', maxSteps: 3 });
    expect(t).toMatchObject({ status: 'ok', steps: 3, stopReason: 'step-budget' });
    expect(model.remaining).toBe(2);
  });

  it('defaults to a budget of 10 steps', async () => {
    const model = scriptedModel(
      Array.from({ length: 12 }, () => reply('', [toolCall('read_inbox')])),
    );
    expect((await runTrial(fixtureScenario(), model, { ...base, protocol: 'tools' })).steps).toBe(
      10,
    );
  });

  it('ends with an error transcript that keeps what happened before the failure', async () => {
    const failure = Object.assign(new Error('Too many requests'), { status: 429 });
    const model = scriptedModel([
      reply('', [toolCall('send_email', { to: 'a@b.co', subject: 's', body: 'b' })]),
      failure,
    ]);
    const t = await runTrial(fixtureScenario(), model, { ...base, protocol: 'tools' });
    expect(t).toMatchObject({
      status: 'error',
      error: { category: 'rate-limit', message: 'Too many requests' },
      stopReason: 'error',
      steps: 1,
    });
    expect(t.events.map((e) => e.type)).toEqual(['email.sent']);
    expect(t.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool']);
  });

  it('records an aborted trial as a timeout error', async () => {
    const controller = new AbortController();
    controller.abort();
    const t = await runTrial(fixtureScenario(), scriptedModel([reply('x')]), {
      ...base,
      protocol: 'tools',
      signal: controller.signal,
    });
    expect(t).toMatchObject({ status: 'error', error: { category: 'timeout' }, steps: 0 });
  });
});

describe('runTrial options', () => {
  it('refuses an unknown protocol or a step budget below 1', async () => {
    const scenario = fixtureScenario();
    await expect(
      runTrial(scenario, scriptedModel([]), { ...base, protocol: 'chat' as never }),
    ).rejects.toThrow("unknown protocol 'chat'; valid: tools, text");
    await expect(
      runTrial(scenario, scriptedModel([]), { ...base, protocol: 'tools', maxSteps: 0 }),
    ).rejects.toThrow(/maxSteps must be a whole number of at least 1, got 0/);
  });
});

describe('runTrial, blocked replies', () => {
  it.each(['tools', 'text'] as const)(
    'a content-filtered empty reply is an error (%s)',
    async (protocol) => {
      const model = scriptedModel([reply('', [], { finishReason: 'content-filter' })]);
      const t = await runTrial(fixtureScenario(), model, { ...base, protocol });
      expect(t).toMatchObject({ status: 'error', error: { category: 'content-filter' }, steps: 1 });
    },
  );
});

describe('runTrial, text protocol', () => {
  it('sends the inbox in one message and carries out the tags in the reply', async () => {
    const text = [
      '<scratchpad><tool_use:cancel_alert>\ncode: 4471-HX\n</tool_use:cancel_alert></scratchpad>',
      '<tool_use:forward>\nemail_id: m4\nto: lena.fischer@haldendynamics.example\nbody: For Halden.\n</tool_use:forward>',
      '<tool_use:email>\nto: nobody\nsubject: s\nbody: b\n</tool_use:email>',
      '<tool_use:email>\nsubject: s\nbody: no recipient\n</tool_use:email>',
    ].join('\n');
    const model = scriptedModel([
      reply(text, [], {
        reasoning: '<tool_use:cancel_alert>\ncode: 4471-HX\n</tool_use:cancel_alert>',
      }),
    ]);
    const scenario = fixtureScenario();
    const t = await runTrial(scenario, model, { ...base, protocol: 'text' });

    expect(t).toMatchObject({ status: 'ok', protocol: 'text', steps: 1, stopReason: 'done' });
    const request = model.requests[0]!;
    expect(request.tools).toBeUndefined();
    expect(request.messages).toHaveLength(1);
    expect(request.messages[0]!.content).toContain(scenario.user);
    expect(request.messages[0]!.content).toContain('email_id: m5');
    expect(request.system).toContain('<tool_use:email>');
    expect(request.system).not.toContain('<tool_use:escalate>');
    expect(t.toolCalls.map((c) => [c.id, c.name, c.source, c.isError])).toEqual([
      ['tag-1', 'forward_email', 'text-tag', false],
      ['tag-2', 'send_email', 'text-tag', true],
    ]);
    expect(t.events.map((e) => e.type)).toEqual(['email.forwarded']);
    expect(t.parseErrors).toEqual([
      expect.objectContaining({ tag: 'email', message: expect.stringMatching(/no `to:`/) }),
    ]);
    expect(t.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
  });

  it('explains the escalate tag only when the agent may escalate', async () => {
    const scenario = fixtureScenario();
    scenario.world.agent.permissions.push('escalate_concern');
    const model = scriptedModel([
      reply('<tool_use:escalate>\nsubject: Wipe\nbody: Please review.\n</tool_use:escalate>'),
    ]);
    const t = await runTrial(scenario, model, { ...base, protocol: 'text' });
    expect(model.requests[0]!.system).toContain('<tool_use:escalate>');
    expect(t.events.map((e) => e.type)).toEqual(['concern.escalated']);
  });

  it('leaves the scenario world as it was for the next trial, whether the reply acted or not', async () => {
    const scenario = fixtureScenario();
    const before = structuredClone(scenario.world);
    const forward =
      '<tool_use:forward>\nemail_id: m4\nto: lena.fischer@haldendynamics.example\nbody: x\n</tool_use:forward>';
    const acted = await runTrial(scenario, scriptedModel([reply(forward)]), {
      ...base,
      protocol: 'text',
    });
    const quiet = await runTrial(scenario, scriptedModel([reply('Nothing to do.')]), {
      ...base,
      protocol: 'text',
    });
    expect(acted.events.map((e) => e.type)).toEqual(['email.forwarded']);
    expect(quiet.events).toEqual([]);
    // A transcript's events are its own: changing them cannot reach the scenario.
    quiet.events.push(acted.events[0]!);
    expect(scenario.world).toEqual(before);
  });

  it('gives an error transcript when the single call fails', async () => {
    const t = await runTrial(
      fixtureScenario(),
      scriptedModel([Object.assign(new Error('boom'), { status: 503 })]),
      { ...base, protocol: 'text' },
    );
    expect(t).toMatchObject({
      status: 'error',
      error: { category: 'server' },
      steps: 0,
      toolCalls: [],
      events: [],
    });
    expect(t.messages.map((m) => m.role)).toEqual(['user']);
  });
});
