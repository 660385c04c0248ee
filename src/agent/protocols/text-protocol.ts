import type { RenderedScenario } from '../../scenario/rendered.js';
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
  const prompt = textPrompt(scenario);
  state.system = prompt.system;
  state.messages.push({ role: 'user', content: prompt.user });
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

/** Prompts already built, per rendered scenario (the catalog shares one object per render). */
const prompts = new WeakMap<RenderedScenario, { system: string; user: string }>();

/**
 * The system prompt and the opening message of a text-protocol trial: built once per rendered
 * scenario (from its initial world, which every trial starts from) and shared by its trials.
 * @example textPrompt(scenario).user.endsWith('</inbox>') // true
 */
export function textPrompt(scenario: RenderedScenario): { system: string; user: string } {
  let prompt = prompts.get(scenario);
  if (!prompt) {
    prompt = {
      system: textInstructions(scenario),
      user: `${scenario.user.trimEnd()}\n\n${formatInbox(scenario.world)}`,
    };
    prompts.set(scenario, prompt);
  }
  return prompt;
}
