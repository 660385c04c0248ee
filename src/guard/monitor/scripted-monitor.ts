import type { Monitor, MonitorAssessment, MonitorInput } from './monitor.js';

/**
 * A monitor that answers from a script and records every call: for tests of anything that
 * uses the monitor seam. A script entry that is an Error is thrown (a failing monitor).
 * @example const m = scriptedMonitor([{ score: 90, rationale: 'threat', evidence: [] }]); m.calls.length
 */
export function scriptedMonitor(
  script:
    | Array<MonitorAssessment | Error>
    | ((input: MonitorInput) => MonitorAssessment | Promise<MonitorAssessment>),
  id = 'scripted',
): Monitor & { calls: MonitorInput[] } {
  const calls: MonitorInput[] = [];
  let next = 0;
  return {
    id,
    calls,
    async assess(input) {
      calls.push(input);
      if (typeof script === 'function') return script(input);
      const entry = script[Math.min(next++, script.length - 1)];
      if (entry === undefined) throw new Error('scripted monitor: empty script');
      if (entry instanceof Error) throw entry;
      return entry;
    },
  };
}
