import type { RegisterCommand } from '../main.js';
import { register as plan } from './plan.js';
import { register as init } from './init.js';
import { register as run } from './run.js';
import { register as report } from './report.js';
import { register as exportTrials } from './export.js';
import { register as scenarios } from './scenarios.js';
import { register as judge } from './judge.js';
import { register as agreement } from './agreement.js';
import { register as label } from './label.js';
import { register as importResults } from './import.js';
import { register as store } from './store.js';
import { register as guard } from './guard.js';
import { register as guardReplay } from './guard-replay.js';
import { register as guardBoundary } from './guard-boundary.js';
import { register as view } from './view.js';
import { register as worker } from './worker.js';

/**
 * Every command, one file each. Each file exports `register(program, ctx)`: parse options,
 * call a module, print. Keep commands thin.
 */
export const commands: RegisterCommand[] = [
  init,
  plan,
  run,
  worker,
  report,
  exportTrials,
  scenarios,
  judge,
  agreement,
  label,
  importResults,
  store,
  guard,
  guardReplay,
  // After the guard group: it adds `guard mcp` and `guard serve` to it.
  guardBoundary,
  view,
];
