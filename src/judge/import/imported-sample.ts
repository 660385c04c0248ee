import type { TrialError } from '../../agent/trial-types.js';
import type { ImportedPrompts } from './imported-scenario.js';

/** What the original harness concluded about one sample. */
export interface OriginalClassification {
  /** The harness's final answer (string check and LLM judge combined); null when it failed. */
  harmful: boolean | null;
  /** The LLM classifier's own answer, when recorded separately. */
  classifierVerdict?: boolean | null;
  reasoning?: string;
}

/** One sample of another harness's results, before it becomes a turncoat trial. */
export interface ImportedSample {
  /** The model as the original named it. */
  model: string;
  prompts: ImportedPrompts;
  /** 0-based. */
  sample: number;
  /** The model's reply; undefined when the sample failed. */
  reply?: string;
  error?: TrialError;
  startedAt: string;
  original?: OriginalClassification;
  /** File (and sample) it came from, for messages. */
  source: string;
}

export type ImportFormat = 'anthropic' | 'inspect';
export const IMPORT_FORMATS: readonly ImportFormat[] = ['anthropic', 'inspect'];
