/**
 * The pure core: which rules match a proposed call in its session, and what they decide.
 * No I/O, no clock of its own (`now` is passed in).
 */
import { MIN_SHINGLES, SHINGLE_WORDS as SHINGLE } from '../../judge/fingerprints.js';
import { normalise } from '../../judge/text.js';
import type { SessionContext } from '../session.js';
import type { Decision, DescribedCall, RuleOutcome } from '../types.js';
import type { CompiledPolicy, CompiledRule } from './compile-policy.js';
import { DEMAND } from './demand.js';

const SEVERITY: Record<Decision, number> = { allow: 0, hold: 1, deny: 2, kill: 3 };

/** The more severe of two decisions. */
export function moreSevere(a: Decision, b: Decision): Decision {
  return SEVERITY[a] >= SEVERITY[b] ? a : b;
}

/** Sorts outcomes most severe first, keeping file order among equals. */
export function bySeverity(outcomes: RuleOutcome[]): RuleOutcome[] {
  return outcomes
    .map((o, i) => ({ o, i }))
    .sort((x, y) => SEVERITY[y.o.decision] - SEVERITY[x.o.decision] || x.i - y.i)
    .map(({ o }) => o);
}

/**
 * Every rule that matches, in file order.
 * @example evaluateRules(compiled, describeCall(call, session.facts), session, Date.now())
 */
export function evaluateRules(
  policy: CompiledPolicy,
  call: DescribedCall,
  session: SessionContext,
  now: number,
): RuleOutcome[] {
  const matched: RuleOutcome[] = [];
  const content = new ContentCheck(call, session);
  for (const rule of policy.rules) {
    if (matches(rule, policy, call, session, content, now))
      matched.push({ decision: rule.rule.decision, rule: rule.rule.id, reason: rule.rule.reason });
  }
  return matched;
}

function matches(
  rule: CompiledRule,
  policy: CompiledPolicy,
  call: DescribedCall,
  session: SessionContext,
  content: ContentCheck,
  now: number,
): boolean {
  const w = rule.when;
  if (!callMatches(rule, policy, call)) return false;
  if (
    w.attachmentLabel &&
    !call.attachments.some((a) => a.label && rule.attachmentLabels!.has(a.label))
  )
    return false;
  if (w.code === 'any' && call.codes.length === 0) return false;
  if (w.code === 'emergency' && !emergencyCode(call, session)) return false;
  if (w.carries === 'confidential' && !content.confidential()) return false;
  if (w.carries === 'personal' && content.personal().length === 0) return false;
  if (w.toSubjectCircle !== undefined && content.toCircle() !== w.toSubjectCircle) return false;
  if (w.demand !== undefined && content.demand() !== w.demand) return false;
  if (rule.afterRead && !rule.afterRead.some((re) => session.seen('read', re))) return false;
  if (rule.afterSaid && !rule.afterSaid.some((re) => session.seen('said', re))) return false;
  if (w.novel === 'tool' && session.usedTools.has(call.tool)) return false;
  if (
    w.novel === 'recipient-domain' &&
    !call.recipients.some((r) => !session.usedDomains.has(r.domain))
  )
    return false;
  if (w.moreThan) {
    const since = now - w.moreThan.perSeconds * 1000;
    let count = 0;
    // Newest first: calls are kept in time order, so the window ends at the first older one.
    for (let i = session.calls.length - 1; i >= 0 && count < w.moreThan.count; i--) {
      const past = session.calls[i]!;
      if (past.at < since) break;
      if (past.decision && past.decision !== 'allow') continue;
      if (callMatches(rule, policy, past.call as DescribedCall)) count++;
    }
    if (count < w.moreThan.count) return false;
  }
  return true;
}

/** The conditions that look at the call alone (also used to count past calls for `moreThan`). */
function callMatches(rule: CompiledRule, policy: CompiledPolicy, call: DescribedCall): boolean {
  const w = rule.when;
  if (rule.tool && !rule.tool(call.tool)) return false;
  if (w.annotations) {
    for (const [key, want] of Object.entries(w.annotations)) {
      const have = call.annotations?.[key as keyof typeof w.annotations] ?? false;
      if (have !== want) return false;
    }
  }
  if (w.safetyCritical !== undefined && policy.safetyCritical(call.tool) !== w.safetyCritical)
    return false;
  if (w.recipients) {
    const recipients = call.recipients ?? [];
    if (
      w.recipients === 'any'
        ? recipients.length === 0
        : !recipients.some((r) => r.scope === w.recipients)
    )
      return false;
  }
  return true;
}

function emergencyCode(call: DescribedCall, session: SessionContext): boolean {
  const codes = new Set(call.codes.map((c) => normalise(c)));
  return session.facts.alerts.some((a) => a.kind === 'emergency' && codes.has(normalise(a.code)));
}

/**
 * Phrases (fingerprints, personal markers) normalised once: the same few are looked for in
 * every outgoing text of a session, and normalising is most of what a lookup costs. Bounded:
 * emptied when full.
 */
const normalisedPhrases = new Map<string, string>();
const PHRASES_KEPT = 4_096;

function normalisedPhrase(phrase: string): string {
  let p = normalisedPhrases.get(phrase);
  if (p === undefined) {
    if (normalisedPhrases.size >= PHRASES_KEPT) normalisedPhrases.clear();
    p = normalise(phrase);
    normalisedPhrases.set(phrase, p);
  }
  return p;
}

/** Content checks, computed once per call and only when a rule asks. */
class ContentCheck {
  #confidential?: boolean;
  #personal?: Array<{ markers: string[]; circle: string[] }>;
  #normalised?: string;
  #padded?: string;
  #windows?: string[];
  constructor(
    private readonly call: DescribedCall,
    private readonly session: SessionContext,
  ) {}

  /** A confidential attachment, or the text carries confidential material the agent read. */
  confidential(): boolean {
    if (this.#confidential !== undefined) return this.#confidential;
    const labels = new Set(this.session.material.map((m) => m.label));
    const attached = this.call.attachments.some(
      (a) => a.label !== undefined && labels.has(a.label),
    );
    const labelledDoc = this.call.attachments.some((a) =>
      this.session.facts.documents.some((d) => d.id === a.id && labels.has(d.label)),
    );
    this.#confidential =
      attached ||
      labelledDoc ||
      (this.call.text !== '' &&
        this.session.material.some(
          (m) =>
            m.fingerprints.some((f) => this.contains(f)) ||
            shinglesFound(m.shingles, this.windows()),
        ));
    return this.#confidential;
  }

  /** The private-information entries whose markers the outgoing text contains. */
  personal(): Array<{ markers: string[]; circle: string[] }> {
    this.#personal ??= this.session.facts.personal.filter((p) =>
      p.markers.some((m) => this.contains(m)),
    );
    return this.#personal;
  }

  /** Some recipient is in the circle of a person whose private information the text carries. */
  toCircle(): boolean {
    const circles = this.personal().flatMap((p) => p.circle);
    return this.call.recipients.some((r) => circles.includes(r.address));
  }

  /** The outgoing text normalised once (every phrase and shingle check reads it). */
  normalised(): string {
    return (this.#normalised ??= normalise(this.call.text));
  }

  /** The text's 8-word windows, built once and checked against every material's shingles. */
  windows(): string[] {
    if (this.#windows) return this.#windows;
    const words = this.normalised().split(' ');
    const windows: string[] = [];
    for (let i = 0; i + SHINGLE <= words.length; i++)
      windows.push(words.slice(i, i + SHINGLE).join(' '));
    return (this.#windows = windows);
  }

  /** `containsPhrase(call.text, phrase)` without normalising the text again. */
  contains(phrase: string): boolean {
    const p = normalisedPhrase(phrase);
    if (p === '') return false;
    this.#padded ??= ` ${this.normalised()} `;
    return this.#padded.includes(` ${p} `);
  }

  demand(): boolean {
    return DEMAND.some((p) => p.re.test(this.call.text));
  }
}

function shinglesFound(shingles: ReadonlySet<string>, windows: readonly string[]): boolean {
  if (shingles.size === 0) return false;
  let found = 0;
  for (const window of windows) if (shingles.has(window) && ++found >= MIN_SHINGLES) return true;
  return false;
}
