/**
 * A session as the guard knows it: built step by step from what the agent read, said and
 * did (`observe`), so the live tool gate, an MCP proxy and the replay of a recorded
 * transcript all build the same context the same way.
 */
import { shingleSet } from '../judge/fingerprints.js';
import type { Decision, GuardCall, SessionFacts, SessionStep } from './types.js';

/** Text markers (case-sensitive) that make a read text confidential material when no label says so. */
export const DEFAULT_CONFIDENTIAL_MARKERS = [
  'CONFIDENTIAL',
  'SECRET',
  'INTERNAL ONLY',
  'DO NOT FORWARD',
];

/** A passage the agent read that must not leave: its label and how to recognise it. */
export interface ReadMaterial {
  label: string;
  /** Where it came from (a document id, a tool name). */
  source: string;
  /** Declared distinctive phrases. */
  fingerprints: string[];
  /** 8-word shingles of the text (see judge/fingerprints.ts). */
  shingles: Set<string>;
}

/** One call the session made, with what the guard decided and when. */
export interface SessionCall {
  call: GuardCall;
  decision?: Decision;
  at: number;
}

export interface SessionContext {
  readonly id: string;
  readonly facts: SessionFacts;
  /** Every step observed, in order (kept for incidents and replay). */
  readonly steps: readonly SessionStep[];
  /** Texts the agent was shown, in order. */
  readonly reads: readonly string[];
  /** What the agent wrote and reasoned, in order. */
  readonly said: readonly string[];
  readonly calls: readonly SessionCall[];
  /** Confidential material read so far (labelled reads, marked reads, labelled documents). */
  readonly material: readonly ReadMaterial[];
  /** Tools and recipient domains used by calls that were allowed. */
  readonly usedTools: ReadonlySet<string>;
  readonly usedDomains: ReadonlySet<string>;
  /** Adds one step; `at` defaults to the session clock. */
  observe(step: SessionStep): void;
  /**
   * Whether some text the agent read (or said) in this session matched `pattern`. Watched
   * patterns (`SessionOptions.watch`) are tested once as each text arrives and remembered, so
   * they still count after the text itself was dropped (see `SessionLimits`); others are
   * tested against the texts still kept.
   */
  seen(kind: 'read' | 'said', pattern: RegExp): boolean;
}

/**
 * How much history one session keeps, so that a session living for days stays small. The
 * oldest entries go first (trimmed in batches, so a list may briefly hold a quarter more).
 */
export interface SessionLimits {
  /** Steps kept for incidents and replay (default 1,000). */
  steps: number;
  /** Texts read and texts said, each (default 500). */
  texts: number;
  /** Calls kept for rate limits (default 1,000; the guard raises it above its largest `moreThan.count`). */
  calls: number;
  /** Confidential passages kept for matching outgoing text (default 256, the most recent). */
  material: number;
  /**
   * Tools and recipient domains remembered as used (`novel` rules), each (default 1,000, the
   * most recently used). One forgotten counts as new again: a novelty rule then errs towards
   * holding, never towards letting through.
   */
  used: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = {
  steps: 1_000,
  texts: 500,
  calls: 1_000,
  material: 256,
  used: 1_000,
};

export interface SessionOptions {
  facts?: Partial<SessionFacts>;
  /** Text markers that label a read text confidential (default DEFAULT_CONFIDENTIAL_MARKERS). */
  confidentialMarkers?: readonly string[];
  /** Document labels that count as confidential (default confidential, secret). */
  confidentialLabels?: readonly string[];
  /** Milliseconds since the epoch (default Date.now); replay passes recorded times. */
  now?: () => number;
  /** History bounds (defaults in DEFAULT_SESSION_LIMITS). */
  limits?: Partial<SessionLimits>;
  /** Flow patterns to remember matches of (the policy's `after.read` / `after.said`). */
  watch?: { read?: readonly RegExp[]; said?: readonly RegExp[] };
}

const emptyFacts = (): SessionFacts => ({
  companyDomains: [],
  authorityDomains: [],
  documents: [],
  attachmentsByMessage: {},
  alerts: [],
  personal: [],
});

/**
 * Starts an empty session context.
 * @example
 * const session = createSession('s-1', { facts: { companyDomains: ['acme.example'] } });
 * session.observe({ kind: 'read', text: 'CONFIDENTIAL: Q3 numbers ...' });
 */
export function createSession(id: string, options: SessionOptions = {}): SessionContext {
  // Markers match as written (case-sensitive): a banner reads "CONFIDENTIAL", prose says "confidential".
  const markers = options.confidentialMarkers ?? DEFAULT_CONFIDENTIAL_MARKERS;
  const confidentialLabels = new Set(options.confidentialLabels ?? ['confidential', 'secret']);
  const now = options.now ?? Date.now;
  const facts: SessionFacts = emptyFacts();
  const steps: SessionStep[] = [];
  const reads: string[] = [];
  const said: string[] = [];
  const calls: SessionCall[] = [];
  const material: ReadMaterial[] = [];
  const usedTools = new Set<string>();
  const usedDomains = new Set<string>();
  const knownDocuments = new Set<string>();
  const limits = { ...DEFAULT_SESSION_LIMITS, ...options.limits };
  const watched = { read: options.watch?.read ?? [], said: options.watch?.said ?? [] };
  const matched = { read: new Set<RegExp>(), said: new Set<RegExp>() };
  const remember = (kind: 'read' | 'said', text: string) => {
    for (const pattern of watched[kind])
      if (!matched[kind].has(pattern) && pattern.test(text)) matched[kind].add(pattern);
  };

  const learn = (learned: Partial<SessionFacts>) => {
    for (const d of learned.companyDomains ?? []) addOnce(facts.companyDomains, d.toLowerCase());
    for (const d of learned.authorityDomains ?? [])
      addOnce(facts.authorityDomains, d.toLowerCase());
    if (learned.agentAddress) facts.agentAddress = learned.agentAddress.toLowerCase();
    for (const doc of learned.documents ?? []) {
      if (knownDocuments.has(doc.id)) continue;
      knownDocuments.add(doc.id);
      facts.documents.push(doc);
      if (confidentialLabels.has(doc.label) && (doc.content || doc.fingerprints?.length))
        keep(material, limits.material, {
          label: doc.label,
          source: doc.id,
          fingerprints: doc.fingerprints ?? [],
          shingles: sharedShingles(doc.content ?? ''),
        });
    }
    Object.assign(facts.attachmentsByMessage, learned.attachmentsByMessage ?? {});
    facts.alerts.push(...(learned.alerts ?? []));
    facts.personal.push(
      ...(learned.personal ?? []).map((p) => ({
        markers: p.markers,
        circle: p.circle.map((a) => a.toLowerCase()),
      })),
    );
  };

  const session: SessionContext = {
    id,
    facts,
    steps,
    reads,
    said,
    calls,
    material,
    usedTools,
    usedDomains,
    seen(kind, pattern) {
      if (watched[kind].includes(pattern)) return matched[kind].has(pattern);
      return (kind === 'read' ? reads : said).some((text) => pattern.test(text));
    },
    observe(step) {
      keep(steps, limits.steps, step);
      switch (step.kind) {
        case 'facts':
          learn(step.facts);
          return;
        case 'read': {
          keep(reads, limits.texts, step.text);
          remember('read', step.text);
          const label =
            step.labels?.find((l) => confidentialLabels.has(l)) ??
            (markers.some((m) => step.text.includes(m)) ? 'confidential' : undefined);
          if (label)
            keep(material, limits.material, {
              label,
              source: step.source ?? 'read',
              fingerprints: [],
              shingles: sharedShingles(step.text),
            });
          return;
        }
        case 'said':
          for (const text of [step.reasoning, step.text]) {
            if (!text) continue;
            keep(said, limits.texts, text);
            remember('said', text);
          }
          return;
        case 'did': {
          const at = step.at ? parseTime(step.at) : now();
          // No spread: this runs on every check (see describeCall).
          keep(
            calls,
            limits.calls,
            step.decision
              ? { call: step.call, decision: step.decision, at }
              : { call: step.call, at },
          );
          if (step.decision === undefined || step.decision === 'allow') {
            use(usedTools, limits.used, step.call.tool);
            for (const r of step.call.recipients ?? []) use(usedDomains, limits.used, r.domain);
          }
          return;
        }
      }
    },
  };
  if (options.facts) session.observe({ kind: 'facts', facts: options.facts });
  return session;
}

/**
 * Rebuilds a session from recorded steps (a transcript being replayed or backtested).
 * @example sessionFromSteps('trial-7', steps).calls.length
 */
export function sessionFromSteps(
  id: string,
  steps: Iterable<SessionStep>,
  options: SessionOptions = {},
): SessionContext {
  const session = createSession(id, options);
  for (const step of steps) session.observe(step);
  return session;
}

// Consecutive steps mostly carry the same millisecond: parsed once.
let lastTime = '';
let lastMs = NaN;
function parseTime(iso: string): number {
  if (iso !== lastTime) {
    lastTime = iso;
    lastMs = Date.parse(iso);
  }
  return lastMs;
}

/** Appends, dropping the oldest quarter-limit's worth at once when over the limit (amortised O(1)). */
function keep<T>(list: T[], limit: number, item: T): void {
  list.push(item);
  if (list.length > limit + Math.ceil(limit / 4)) list.splice(0, list.length - limit);
}

/** Marks `value` most recently used; past `limit`, the least recently used is forgotten. */
function use(set: Set<string>, limit: number, value: string): void {
  if (set.has(value)) set.delete(value); // re-added below: a Set iterates in insertion order
  set.add(value);
  if (set.size > limit) set.delete(set.values().next().value!);
}

function addOnce(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}

// The same texts come back session after session (an inbox, a document, a policy manual):
// their shingles are computed once and shared, read-only. Bounded: cleared when full.
const SHINGLE_CACHE = 256;
const shingleCache = new Map<string, ReadonlySet<string>>();

function sharedShingles(text: string): Set<string> {
  let set = shingleCache.get(text);
  if (!set) {
    if (shingleCache.size >= SHINGLE_CACHE) shingleCache.clear();
    set = shingleSet(text);
    shingleCache.set(text, set);
  }
  return set as Set<string>;
}
