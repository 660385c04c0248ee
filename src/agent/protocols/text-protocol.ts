import { formatInbox } from '../../world/format-inbox.js';
import { textInstructions } from './instructions.js';
import { parseActionTags } from './text-tags.js';
import { assistantMessage, callModel, executeCall, type ProtocolRun } from './trial-state.js';

/**
 * The study's single-turn format: the whole inbox in one message, one reply, and the action
 * tags in that reply carried out as world tool calls. The model never sees the results.
 * Tags in private reasoning (scratchpad, thinking, the provider's reasoning field) are not actions.
 */
export async function runTextProtocol(run: ProtocolRun): Promise<void> {
  const { scenario, state } = run;
  state.system = textInstructions(scenario);
  state.messages.push({
    role: 'user',
    content: `${scenario.user.trimEnd()}\n\n${formatInbox(state.world)}`,
  });
  const response = await callModel(run);
  state.messages.push(assistantMessage(response));
  const { actions, errors } = parseActionTags(response.text);
  state.parseErrors.push(...errors);
  for (const [i, action] of actions.entries()) {
    await executeCall(run, { id: `tag-${i + 1}`, ...action.call }, 1, 'text-tag');
    if (state.stopReason === 'terminated') return;
  }
  state.stopReason = 'done';
}
