/**
 * The monitor seam: one method that reads a proposed call with its session and returns a
 * suspicion score 0-100 with a rationale and quoted evidence. Implementations: scripted
 * (tests), heuristic (no model) and LLM (any model id).
 */
import type { SessionContext } from '../session.js';
import type { DescribedCall, MonitorFinding } from '../types.js';

export interface MonitorInput {
  call: DescribedCall;
  session: SessionContext;
}

export type MonitorAssessment = Omit<MonitorFinding, 'monitor' | 'error'>;

export interface Monitor {
  id: string;
  /** Throws (or rejects) on failure; the guard then applies the policy's `onError`. */
  assess(input: MonitorInput, signal?: AbortSignal): Promise<MonitorAssessment>;
}
