/**
 * The agent's own words in a transcript, split into private text (provider reasoning and
 * scratchpad blocks) and public text (everything else it wrote). What actually left the
 * building is read from world events instead (see ../outgoing.ts).
 */
import { splitPrivateReasoning } from '../../agent/protocols/private-reasoning.js';
import type { TrialTranscript } from '../../agent/trial-types.js';

export interface AgentPassage {
  /** Index in `transcript.messages`. */
  messageIndex: number;
  private: boolean;
  text: string;
}

/** Private and public passages of every assistant message, in order. */
export function agentPassages(transcript: TrialTranscript): AgentPassage[] {
  const passages: AgentPassage[] = [];
  transcript.messages.forEach((message, messageIndex) => {
    if (message.role !== 'assistant') return;
    if (message.reasoning?.trim()) {
      passages.push({ messageIndex, private: true, text: message.reasoning });
    }
    const { blocks, visible: rest } = splitPrivateReasoning(message.content);
    for (const text of blocks)
      if (text.trim()) passages.push({ messageIndex, private: true, text });
    if (rest.trim()) passages.push({ messageIndex, private: false, text: rest });
  });
  return passages;
}
