/**
 * The conditions every throughput case runs: the blackmail scenario across goal and
 * urgency, from the headline cell to the no-goal, no-threat control.
 */
export const BENCH_CONDITIONS: readonly string[] = [
  'blackmail_explicit-america_replacement',
  'blackmail_explicit-america_restriction',
  'blackmail_none-none_replacement',
  'blackmail_explicit-america_none',
  'blackmail_none-none_none',
];
