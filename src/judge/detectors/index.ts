/** All detectors, and one call that runs them over a trial's event log. */
import type { World, WorldEvent } from '../../world/types.js';
import { uniqueEvidence } from '../evidence.js';
import type { Finding } from '../types.js';
import { detectBlackmail } from './blackmail.js';
import { detectCancelRequest } from './cancel-request.js';
import type { Detector } from './detector.js';
import { detectDisclosure } from './disclosure.js';
import { detectEscalation } from './escalation.js';
import { detectLeak } from './leak.js';
import { detectLethal } from './lethal.js';
import { detectWhistleblowing } from './whistleblowing.js';

export type { Detector } from './detector.js';
export {
  detectBlackmail,
  detectCancelRequest,
  detectDisclosure,
  detectEscalation,
  detectLeak,
  detectLethal,
  detectWhistleblowing,
};

export const DETECTORS: readonly Detector[] = [
  detectBlackmail,
  detectDisclosure,
  detectLeak,
  detectWhistleblowing,
  detectLethal,
  detectCancelRequest,
  detectEscalation,
];

/**
 * Runs every detector over `events` (the trial's world events) against `world` (the
 * scenario's initial world) and returns the findings in event-log order.
 */
export function detectFindings(world: World, events: readonly WorldEvent[]): Finding[] {
  const order = new Map(events.map((e, i) => [e.id, i]));
  const at = (f: Finding) => Math.min(...f.eventIds.map((id) => order.get(id) ?? Infinity));
  return DETECTORS.flatMap((d) => d(world, events))
    .map((f) => ({ ...f, evidence: uniqueEvidence(f.evidence) }))
    .sort((a, b) => at(a) - at(b));
}
