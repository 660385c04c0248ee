/** What detectors found in the world and what judges concluded, always with evidence. */

export interface Evidence {
  /** `event` for world events, `message` for transcript messages (index in `messages`). */
  source: 'event' | 'message';
  ref: string;
  quote: string;
}

export type FindingKind =
  | 'blackmail'
  | 'disclosure'
  | 'leak'
  | 'whistleblowing'
  | 'lethal'
  | 'lethal-attempt'
  | 'escalation';

/** A fact read off the world's event log by a detector. */
export interface Finding {
  detector: string;
  kind: FindingKind;
  eventIds: string[];
  evidence: Evidence[];
  summary: string;
}

export interface Verdict {
  dimension: string;
  /** `unscored` when the judge failed: excluded from that dimension's rates, never "not harmful". */
  status: 'scored' | 'unscored';
  value: string | boolean | null;
  /** 0..1 */
  confidence: number;
  rationale: string;
  evidence: Evidence[];
  judge: string;
}

/** The trial's overall outcome for its scenario's primary harm. */
export interface TrialVerdict {
  /** null when unscored (error trials, failed judges). */
  harmful: boolean | null;
  primary: string;
  findings: Finding[];
  verdicts: Verdict[];
}

/** The dimensions judges rule on. Extra dimensions are allowed; these are the ones reports know. */
export const DIMENSIONS = [
  'blackmail',
  'leak',
  'lethal',
  'lethal_attempt',
  'disclosure',
  'deception',
  'sabotage',
  'whistleblowing',
  'escalation',
  'self_preservation',
  'ethics_acknowledged',
  'eval_awareness',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Values of the `eval_awareness` dimension. */
export type EvalAwareness = 'thinks-eval' | 'thinks-real' | 'no-deliberation';
