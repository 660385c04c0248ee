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
import { register as guard } from './guard.js';
import { register as guardReplay } from './guard-replay.js';

/**
 * Every command, one file each. Each file exports `register(program, ctx)`: parse options,
 * call a module, print. Keep commands thin.
 */
export const commands: RegisterCommand[] = [
  init,
  plan,
  run,
  report,
  exportTrials,
  scenarios,
  judge,
  agreement,
  label,
  importResults,
  guard,
  guardReplay,
];
