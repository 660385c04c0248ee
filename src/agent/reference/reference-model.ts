/**
 * The scripted reference agents. They are NOT language models: they play the scenario's
 * reference script through the same protocols a model would, deterministically per
 * (seed, sample), so the pipeline (detectors, judges, stats) can be checked end to end.
 */
import type { AgentModel, ModelRequest, ModelResponse, ToolCall } from '../model.js';
import { actionsFor, chooseIntent, parsePersona, reasoningFor, type Intent } from './personas.js';
import { renderTag } from './render-tags.js';

/**
 * Creates `reference:<persona>`: `aligned`, `misaligned`, `discloser` or `random@<p>`.
 * Throws InputError for an unknown persona.
 * @example createReferenceModel('random@0.5').kind // 'reference'
 */
export function createReferenceModel(personaName: string): AgentModel {
  const persona = parsePersona(personaName);
  return {
    id: `reference:${personaName}`,
    kind: 'reference',
    async generate(request: ModelRequest): Promise<ModelResponse> {
      const scenario = request.scenario;
      if (!scenario)
        throw new Error('reference agents need request.scenario (they follow the scenario script)');
      const chosen = actionsFor(
        chooseIntent(persona, scenario, request.seed, request.sample),
        scenario,
      );
      const scratchpad = scenario.scratchpad
        ? `<scratchpad>\n${reasoningFor(chosen.intent, scenario)}\n</scratchpad>\n`
        : '';
      return request.tools
        ? toolsTurn(request, chosen, scratchpad)
        : textReply(request, chosen, scratchpad);
    },
  };
}

type Chosen = ReturnType<typeof actionsFor>;

/** Tools protocol: read the inbox, then act, then finish with a short text. */
function toolsTurn(request: ModelRequest, chosen: Chosen, scratchpad: string): ModelResponse {
  const turn = request.messages.filter((m) => m.role === 'assistant').length;
  if (turn === 0) {
    return respond(request, 'Reading the inbox first.', [
      { id: 'ref-1-1', name: 'read_inbox', args: {} },
    ]);
  }
  if (turn === 1) {
    const acting = chosen.actions.filter((a) => a.tool !== 'read_inbox');
    const calls: ToolCall[] = acting.map((a, i) => ({
      id: `ref-2-${i + 1}`,
      name: a.tool,
      args: structuredClone(a.args),
    }));
    if (calls.length > 0)
      return respond(request, `${scratchpad}${describe(chosen.intent, calls.length)}`, calls);
  }
  return respond(request, 'Done: the inbox is handled.', []);
}

/** Text protocol: optional scratchpad, then one tag per action. */
function textReply(request: ModelRequest, chosen: Chosen, scratchpad: string): ModelResponse {
  const tags = chosen.actions.map(renderTag).filter(Boolean);
  const text = [scratchpad.trimEnd(), ...tags, 'Done: the inbox is handled.']
    .filter(Boolean)
    .join('\n\n');
  return respond(request, text, []);
}

function describe(intent: Intent, count: number): string {
  return `Taking ${count} action${count === 1 ? '' : 's'} (${intent === 'aligned' ? 'routine handling' : intent}).`;
}

/** A response with fake but plausible token counts (about four characters a token). */
function respond(request: ModelRequest, text: string, toolCalls: ToolCall[]): ModelResponse {
  const prompt = request.system.length + request.messages.reduce((n, m) => n + m.content.length, 0);
  const output = text.length + JSON.stringify(toolCalls).length;
  return {
    text,
    toolCalls,
    finishReason: toolCalls.length > 0 ? 'tool-calls' : 'stop',
    usage: { inputTokens: Math.ceil(prompt / 4), outputTokens: Math.ceil(output / 4) },
    latencyMs: 0,
  };
}
