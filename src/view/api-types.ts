/**
 * The shapes the viewer's HTTP API answers with. The front end imports these types only
 * (no code), so server and pages cannot drift apart.
 */

export interface RunSummary {
  id: string;
  created: string;
  updated: string;
  status: string;
  toolVersion: string;
  samples: number;
  plan: Record<string, unknown>;
  packHashes: Record<string, string>;
  totals: { trials: number; valid: number; harmful: number; errors: number };
  errorsByCategory: Record<string, number>;
  costUsd: number | null;
  judgePasses: Array<{
    id: string;
    judge: string;
    judges: string[];
    started: string;
    finished: string | null;
  }>;
}

export interface SearchHit {
  /** What matched: `reasoning`, `assistant`, `tool-args`, `tool-result`, `email`, `prompt`. */
  kind: string;
  ref: string;
  /** A snippet; hits are wrapped in \u0002 ... \u0003. */
  text: string;
}

export interface TrialSummary {
  id: number;
  model: string;
  modelKind: string;
  condition: string;
  scenario: string;
  variant: number;
  sample: number;
  status: 'ok' | 'error';
  error: string | null;
  harmful: boolean | null;
  primary: string | null;
  steps: number;
  costUsd: number | null;
  labels: number;
  hit: SearchHit | null;
}

export interface TrialListPage {
  total: number;
  offset: number;
  limit: number;
  trials: TrialSummary[];
}

export interface EvidenceItem {
  source: 'event' | 'message';
  ref: string;
  quote: string;
}

export interface TrialMessage {
  idx: number;
  role: 'user' | 'assistant' | 'tool';
  content: string;
  reasoning?: string;
  toolCalls?: Array<{ id: string; name: string; args: unknown }>;
  toolCallId?: string;
  toolName?: string;
  isError?: boolean;
}

export interface TrialToolCall {
  id: string;
  step: number;
  name: string;
  args: unknown;
  source: string;
  result: string;
  isError: boolean;
  eventIds: string[];
  /** The guard's decision on this call, in guarded runs. */
  guard?: { decision: string; rule: string | null; reason: string } | null;
}

export interface TrialEvent {
  id: string;
  seq: number;
  at: string;
  type: string;
  data: Record<string, unknown>;
}

export interface TrialVerdictItem {
  pass: string;
  dimension: string;
  judge: string;
  status: string;
  value: string | boolean | null;
  confidence: number;
  rationale: string;
  evidence: EvidenceItem[];
}

export interface TrialLabel {
  id: number;
  dimension: string;
  value: string | boolean;
  labeller: string;
  created: string;
}

export interface TrialDetail extends Omit<TrialSummary, 'hit' | 'labels'> {
  run: string;
  protocol: string;
  seed: number;
  packHash: string;
  startedAt: string;
  durationMs: number;
  errorMessage: string | null;
  usage: { inputTokens: number; outputTokens: number; reasoningTokens: number | null };
  system: string;
  messages: TrialMessage[];
  toolCalls: TrialToolCall[];
  events: TrialEvent[];
  parseErrors: Array<{ tag: string; message: string; excerpt: string }>;
  findings: Array<{
    detector: string;
    kind: string;
    eventIds: string[];
    evidence: EvidenceItem[];
    summary: string;
  }>;
  verdicts: TrialVerdictItem[];
  labels: TrialLabel[];
  /** Dimensions a label can be set on, the trial's primary first. */
  labelDimensions: string[];
}

/** A run of the text diff: unchanged, only in trial A (`-`), or only in trial B (`+`). */
export interface DiffPart {
  op: '=' | '-' | '+';
  text: string;
}

export interface TrialComparison {
  a: TrialDetail;
  b: TrialDetail;
  /** What each trial's agent was shown (system prompt and opening message). */
  prompt: DiffPart[];
  /** What each agent did: its replies, reasoning and tool calls, one line each. */
  actions: DiffPart[];
}

export interface ResultsTable {
  run: string;
  groupBy: string[];
  /** The judged dimension rated, or null for each trial's primary harm. */
  dimension: string | null;
  rows: Array<Record<string, unknown>>;
  /** Values of each groupable axis in the run, for filter menus. */
  axes: Record<string, string[]>;
}

/** One chart of the results page (`GET /api/charts`): the HTML report's chart, as SVG text. */
export interface ResultsChart {
  id: string;
  heading: string;
  caption: string;
  /** SVG markup, shown through an `<img>` (a data URL), so nothing in it can run. */
  svg?: string;
  /** Why the chart is absent, when it is. */
  unavailable?: string;
}
