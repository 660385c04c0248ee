/**
 * The pure core: which rules match a proposed call in its session, and what they decide.
 * No I/O, no clock of its own (`now` is passed in).
 */
import { MIN_SHINGLES, SHINGLE_WORDS as SHINGLE } from '../../judge/fingerprints.js';
import { normalise } from '../../judge/text.js';
import type { SessionContext } from '../session.js';
import type { Decision, DescribedCall, GuardRecipient, RuleOutcome } from '../types.js';
import type { CompiledPolicy, CompiledRule } from './compile-policy.js';
import { DEMAND } from './demand.js';

const SEVERITY: Record<Decision, number> = { allow: 0, hold: 1, deny: 2, kill: 3 };

/** The more severe of two decisions. */
export function moreSevere(a: Decision, b: Decision): Decision {
  // Stryker disable next-line EqualityOperator: equivalent, equally severe decisions are the same decision
  return SEVERITY[a] >= SEVERITY[b] ? a : b;
}

/** Sorts outcomes most severe first, keeping file order among equals. */
export function bySeverity(outcomes: RuleOutcome[]): RuleOutcome[] {
  return outcomes
    .map((o, i) => ({ o, i }))
    .sort(
      (x, y) =>
        SEVERITY[y.o.decision] - SEVERITY[x.o.decision] ||
        // Stryker disable next-line ArithmeticOperator: equivalent, V8's sort is stable and asks (later, earlier), so a positive tie keeps file order as well (checked on 200 outcomes)
        x.i - y.i,
    )
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

// Plain loops instead of Array#some with a closure, here and below: this runs for every rule
// of every check, and each closure is an allocation (fewer allocations, fewer and shorter
// young-generation collections pausing every session: see docs/guard.md, "What a decision costs").
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
  if (w.attachmentLabel && !labelledAttachment(call, rule.attachmentLabels!)) return false;
  if (w.code === 'any' && call.codes.length === 0) return false;
  if (w.code === 'emergency' && !emergencyCode(call, session)) return false;
  if (w.carries === 'confidential' && !content.confidential()) return false;
  if (w.carries === 'personal' && content.personal().length === 0) return false;
  if (w.toSubjectCircle !== undefined && content.toCircle() !== w.toSubjectCircle) return false;
  if (w.demand !== undefined && content.demand() !== w.demand) return false;
  if (rule.afterRead && !seenAny(session, 'read', rule.afterRead)) return false;
  if (rule.afterSaid && !seenAny(session, 'said', rule.afterSaid)) return false;
  if (w.novel === 'tool' && session.usedTools.has(call.tool)) return false;
  if (w.novel === 'recipient-domain' && !newDomain(call, session)) return false;
  if (w.moreThan) {
    const since = now - w.moreThan.perSeconds * 1000;
    let count = 0;
    // Newest first: calls are kept in time order, so the window ends at the first older one.
    for (
      let i = session.calls.length - 1;
      i >= 0 &&
      // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, stops counting at the threshold; counting on gives the same answer below
      count < w.moreThan.count;
      i--
    ) {
      const past = session.calls[i]!;
      if (past.at < since) break;
      if (past.decision && past.decision !== 'allow') continue;
      if (callMatches(rule, policy, past.call as DescribedCall)) count++;
    }
    if (count < w.moreThan.count) return false;
  }
  return true;
}

function labelledAttachment(call: DescribedCall, labels: ReadonlySet<string>): boolean {
  for (const a of call.attachments) if (a.label && labels.has(a.label)) return true;
  return false;
}

function seenAny(session: SessionContext, kind: 'read' | 'said', patterns: RegExp[]): boolean {
  for (const re of patterns) if (session.seen(kind, re)) return true;
  return false;
}

function newDomain(call: DescribedCall, session: SessionContext): boolean {
  for (const r of call.recipients) if (!session.usedDomains.has(r.domain)) return true;
  return false;
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
    if (w.recipients === 'any' ? recipients.length === 0 : !inScope(recipients, w.recipients))
      return false;
  }
  return true;
}

function inScope(recipients: readonly GuardRecipient[], scope: GuardRecipient['scope']): boolean {
  for (const r of recipients) if (r.scope === scope) return true;
  return false;
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

/** The phrase normalised and padded with a space each side ('' when nothing is left of it). */
function paddedPhrase(phrase: string): string {
  let p = normalisedPhrases.get(phrase);
  // Stryker disable next-line ConditionalExpression: equivalent, a cache: normalising the phrase again gives the same
  if (p === undefined) {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, only bounds the cache's memory
    if (normalisedPhrases.size >= PHRASES_KEPT) normalisedPhrases.clear();
    const normalised = normalise(phrase);
    p =
      normalised === ''
        ? // Stryker disable next-line StringLiteral: equivalent, any text without a space each side is never in a padded text
          ''
        : ` ${normalised} `;
    normalisedPhrases.set(phrase, p);
  }
  return p;
}

const NONE: Array<{ markers: string[]; circle: string[] }> = [];

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
    // Stryker disable next-line ConditionalExpression: equivalent, a per-call cache: the check gives the same answer again
    if (this.#confidential !== undefined) return this.#confidential;
    const { material, facts } = this.session;
    let found = false;
    for (const a of this.call.attachments) {
      if (labelledAs(material, a.label)) found = true;
      else
        for (const d of facts.documents)
          if (d.id === a.id && labelledAs(material, d.label)) found = true;
      if (found) break;
    }
    // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral: equivalent, a shortcut: found stays true, and an empty text contains no phrase or 8-word window
    if (!found && this.call.text !== '')
      for (const m of material) {
        for (const f of m.fingerprints) if (this.contains(f)) found = true;
        if (found || shinglesFound(m.shingles, this.windows())) {
          found = true;
          break;
        }
      }
    this.#confidential = found;
    return found;
  }

  /** The private-information entries whose markers the outgoing text contains. */
  personal(): Array<{ markers: string[]; circle: string[] }> {
    // Stryker disable next-line ConditionalExpression: equivalent, a per-call cache: the filter gives the same entries again
    if (this.#personal) return this.#personal;
    const { personal } = this.session.facts;
    // Nothing to look for (or nothing to look in): no allocation.
    // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral: equivalent, a shortcut: the filter finds nothing in no entries or in an empty text
    if (personal.length === 0 || this.call.text === '') return (this.#personal = NONE);
    this.#personal = personal.filter((p) => p.markers.some((m) => this.contains(m)));
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
    // Stryker disable next-line ConditionalExpression: equivalent, a per-call cache: the same windows again
    if (this.#windows) return this.#windows;
    const words = this.normalised().split(' ');
    // Stryker disable next-line ArrayDeclaration: equivalent, a seeded window of three words with capitals never equals a normalised 8-word shingle
    const windows: string[] = [];
    // Stryker disable next-line ArithmeticOperator: equivalent, the extra windows are tails shorter than 8 words (or empty), which no shingle equals
    for (let i = 0; i + SHINGLE <= words.length; i++)
      windows.push(words.slice(i, i + SHINGLE).join(' '));
    return (this.#windows = windows);
  }

  /** `containsPhrase(call.text, phrase)` without normalising the text again. */
  contains(phrase: string): boolean {
    const p = paddedPhrase(phrase);
    if (p === '') return false;
    this.#padded ??= ` ${this.normalised()} `;
    return this.#padded.includes(p);
  }

  demand(): boolean {
    // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent, a shortcut: no DEMAND pattern matches an empty text
    if (this.call.text === '') return false;
    for (const p of DEMAND) if (p.re.test(this.call.text)) return true;
    return false;
  }
}

/** Whether some material read carries `label`. */
function labelledAs(material: SessionContext['material'], label: string | undefined): boolean {
  // Stryker disable next-line ConditionalExpression: equivalent, every material read carries a label (session.ts), so none equals undefined
  if (label === undefined) return false;
  for (const m of material) if (m.label === label) return true;
  return false;
}

function shinglesFound(shingles: ReadonlySet<string>, windows: readonly string[]): boolean {
  // Stryker disable next-line ConditionalExpression: equivalent, a shortcut: no window is in an empty set
  if (shingles.size === 0) return false;
  let found = 0;
  for (const window of windows) if (shingles.has(window) && ++found >= MIN_SHINGLES) return true;
  return false;
}
