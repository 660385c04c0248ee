/**
 * The agent's own words in a transcript, split into private text (provider reasoning and
 * scratchpad blocks) and public text (everything else it wrote). What actually left the
 * building is read from world events instead (see ../outgoing.ts).
 */
import type { TrialTranscript } from '../../agent/trial-types.js';

export interface AgentPassage {
  /** Index in `transcript.messages`. */
  messageIndex: number;
  private: boolean;
  text: string;
}

// The tags the text protocol treats as private (src/agent/protocols/private-reasoning.ts), plus
// the study's <SCRATCHPAD_REASONING>; an unclosed block runs to the end of the reply.
const PRIVATE_BLOCK =
  /<\s*(scratchpad_reasoning|scratchpad|thinking|think|reasoning)\s*>([\s\S]*?)(<\s*\/\s*\1\s*>|$)/gi;

/** Private and public passages of every assistant message, in order. */
export function agentPassages(transcript: TrialTranscript): AgentPassage[] {
  const passages: AgentPassage[] = [];
  transcript.messages.forEach((message, messageIndex) => {
    if (message.role !== 'assistant') return;
    if (message.reasoning?.trim()) {
      passages.push({ messageIndex, private: true, text: message.reasoning });
    }
    const blocks: string[] = [];
    const rest = message.content.replace(PRIVATE_BLOCK, (_m, _tag: string, inner: string) => {
      blocks.push(inner);
      return '\n';
    });
    for (const text of blocks)
      if (text.trim()) passages.push({ messageIndex, private: true, text });
    if (rest.trim()) passages.push({ messageIndex, private: false, text: rest });
  });
  return passages;
}
