import { callTool } from '../../world/call-tool.js';
import { toolSpecs } from '../../world/tools/index.js';
import { toolsInstructions } from './instructions.js';
import { assistantMessage, callModel, type ProtocolRun } from './trial-state.js';

export const DEFAULT_MAX_STEPS = 10;

/**
 * Native function calling over several turns: the model calls tools, sees each result,
 * and stops by answering without a tool call or when the step budget is spent.
 */
export async function runToolsProtocol(run: ProtocolRun): Promise<void> {
  const { scenario, state } = run;
  const maxSteps = run.options.maxSteps ?? DEFAULT_MAX_STEPS;
  state.system = toolsInstructions(scenario);
  state.messages.push({ role: 'user', content: scenario.user });
  const tools = toolSpecs(state.world);
  for (let step = 1; step <= maxSteps; step += 1) {
    const response = await callModel(run, tools);
    state.messages.push(assistantMessage(response));
    if (response.toolCalls.length === 0) {
      state.stopReason = 'done';
      return;
    }
    for (const call of response.toolCalls) {
      const { world, record } = callTool(state.world, call, { step, source: 'native' });
      state.world = world;
      state.toolCalls.push(record);
      state.messages.push({
        role: 'tool',
        toolCallId: call.id,
        toolName: call.name,
        content: record.result,
        isError: record.isError,
      });
    }
  }
  state.stopReason = 'step-budget';
}
