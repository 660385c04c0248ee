import { toolSpecs } from '../../world/tools/index.js';
import { toolsInstructions } from './instructions.js';
import { assistantMessage, callModel, executeCall, type ProtocolRun } from './trial-state.js';

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
      const record = await executeCall(run, call, step, 'native');
      state.messages.push({
        role: 'tool',
        toolCallId: call.id,
        toolName: call.name,
        content: record.result,
        isError: record.isError,
      });
      if (state.stopReason === 'terminated') return;
    }
  }
  state.stopReason = 'step-budget';
}
