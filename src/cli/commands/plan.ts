import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import type { CommandContext, RegisterCommand } from '../main.js';
import { samplesToDetect } from '../../stats/samples-to-detect.js';
import { samplesForWidth } from '../../stats/samples-for-width.js';

interface PlanOptions {
  baseline?: string;
  detect?: string;
  power: string;
  alpha: string;
  ciWidth?: string;
  rate: string;
  confidence: string;
  json?: boolean;
}

/** Reads "0.2" or "20%" as a proportion, or throws InputError naming the option and its range. */
function proportion(
  option: string,
  raw: string,
  range: { min: number; max: number; inclusive?: boolean },
): number {
  const text = raw.trim();
  const match = /^(\d+(?:\.\d+)?|\.\d+)(%?)$/.exec(text);
  const value = match ? Number(match[1]) / (match[2] ? 100 : 1) : Number.NaN;
  const inside = range.inclusive
    ? value >= range.min && value <= range.max
    : value > range.min && value < range.max;
  if (!inside) {
    const [min, max] = [range.min, range.max].map((x) => +x.toFixed(6));
    const bounds = range.inclusive
      ? `from ${min} to ${max}`
      : `between ${min} and ${max}, exclusive`;
    throw new InputError(
      `${option} '${raw}' is out of range; valid: a proportion ${bounds} (e.g. 0.2 or 20%)`,
    );
  }
  return value;
}

const pct = (x: number) => `${+(x * 100).toFixed(1)}%`;
const points = (x: number) => `${+(x * 100).toFixed(1)} points`;

function planDetection(options: PlanOptions, ctx: CommandContext): void {
  if (options.baseline === undefined || options.detect === undefined) {
    throw new InputError(
      'plan needs both --baseline and --detect (e.g. --baseline 0.2 --detect 0.1), or --ci-width',
    );
  }
  const baseline = proportion('--baseline', options.baseline, { min: 0, max: 1 });
  const detect = proportion('--detect', options.detect, { min: 0, max: 1 - baseline });
  const power = proportion('--power', options.power, { min: 0, max: 1 });
  const alpha = proportion('--alpha', options.alpha, { min: 0, max: 1 });
  const plan = samplesToDetect({ baseline, detect, power, alpha });
  if (options.json) {
    ctx.io.out(
      JSON.stringify({ kind: 'detect', ...plan, method: 'fleiss-continuity-corrected' }, null, 2),
    );
    return;
  }
  const withErrors = Math.ceil(plan.perCondition / 0.95);
  ctx.io.out(
    [
      `${plan.perCondition} valid trials per condition`,
      '',
      `  to tell a harm rate of ${pct(plan.baseline)} from ${pct(plan.other)} (a difference of ${points(detect)})`,
      `  with ${pct(power)} power at a two-sided alpha of ${alpha}`,
      '',
      `  method  two-proportion z-test, normal approximation with Fleiss' continuity correction`,
      `          (Fleiss, Levin & Paik 2003, eqs. 4.14-4.15); ${plan.withoutCorrection} without the correction`,
      `  errors  failed calls are excluded from rates: if about 5% fail, ask for ${withErrors}`,
      '',
      `next: turncoat run ... --samples ${plan.perCondition}`,
    ].join('\n'),
  );
}

function planWidth(options: PlanOptions, ctx: CommandContext): void {
  const width = proportion('--ci-width', options.ciWidth ?? '', { min: 0, max: 1 });
  const rate = proportion('--rate', options.rate, { min: 0, max: 1, inclusive: true });
  const confidence = proportion('--confidence', options.confidence, { min: 0, max: 1 });
  const n = samplesForWidth({ width, rate, confidence });
  if (options.json) {
    ctx.io.out(
      JSON.stringify(
        { kind: 'ci-width', width, rate, confidence, perCondition: n, method: 'wilson' },
        null,
        2,
      ),
    );
    return;
  }
  ctx.io.out(
    [
      `${n} valid trials per condition`,
      '',
      `  for a ${pct(confidence)} Wilson interval at most ${points(width)} wide (about ±${points(width / 2)})`,
      `  around an expected harm rate of ${pct(rate)}`,
      '',
      `  method  smallest n whose Wilson score interval at the expected count is that narrow;`,
      `          the interval is widest at 50%, so --rate 0.5 is the safe choice when unsure`,
      `  errors  failed calls are excluded from rates: if about 5% fail, ask for ${Math.ceil(n / 0.95)}`,
      '',
      `next: turncoat run ... --samples ${n}`,
    ].join('\n'),
  );
}

/** `turncoat plan`: how many samples per condition a question needs. */
export const register: RegisterCommand = (program: Command, ctx: CommandContext) => {
  program
    .command('plan')
    .description(
      'How many valid trials per condition to detect a difference, or to reach an interval width.',
    )
    .option('--baseline <rate>', 'expected harm rate in the reference condition, e.g. 0.2')
    .option('--detect <difference>', 'smallest difference in rate worth detecting, e.g. 0.1')
    .option('--power <p>', 'chance of detecting a true difference of that size', '0.8')
    .option('--alpha <a>', 'two-sided significance level', '0.05')
    .option('--ci-width <w>', 'plan for a Wilson interval at most this wide instead, e.g. 0.1')
    .option('--rate <r>', 'expected harm rate for --ci-width', '0.5')
    .option('--confidence <c>', 'confidence level for --ci-width', '0.95')
    .option('--json', 'print the plan as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  turncoat plan --baseline 0.2 --detect 0.1\n  turncoat plan --ci-width 0.1 --rate 0.3',
    )
    .action((options: PlanOptions) => {
      const detecting = options.baseline !== undefined || options.detect !== undefined;
      if (detecting && options.ciWidth !== undefined) {
        throw new InputError('plan takes either --baseline/--detect or --ci-width, not both');
      }
      if (options.ciWidth !== undefined) planWidth(options, ctx);
      else planDetection(options, ctx);
    });
};
