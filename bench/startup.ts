/**
 * CLI start-up: what a user waits for on every command. Spawns the built CLI
 * (`bin/turncoat.js` -> `dist/`, built first when missing; run `npm run build` after changing
 * src/) N times per command, the commands taking turns so a change in the machine's load
 * touches them alike, and prints the median wall time and CPU time against the targets
 * (--version and --help under 150 ms, `report` on a small store under 500 ms). The floor is
 * node running an empty module: what no CLI can go below. Wall time includes the machine's
 * load; CPU time (user + system of the child) is steadier on a busy machine.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './ensure-built.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'turncoat.js');

interface Sample {
  wallMs: number;
  cpuMs: number;
}

// Preloaded into each spawn (CommonJS, so it does not start the ES module loader for a
// CommonJS command): reports the child's own CPU time (user + system) as it exits.
const CPU_PROBE = `process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('\\nCPU '+(u.userCPUTime+u.systemCPUTime)/1000+'\\n')})`;

/** One spawn of the built CLI: wall time from outside, CPU time from inside. */
function timeOnce(probe: string, script: string, args: string[]): Sample {
  const started = performance.now();
  const r = spawnSync(process.execPath, ['--require', probe, script, ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  const wallMs = performance.now() - started;
  if (r.status !== 0) throw new Error(`turncoat ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const cpu = /\nCPU ([\d.]+)\n/.exec(r.stderr);
  return { wallMs, cpuMs: cpu ? Number(cpu[1]) : NaN };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Prints the start-up table. */
export function printStartupBench(quick: boolean): void {
  ensureBuilt();
  const out = mkdtempSync(join(tmpdir(), 'turncoat-startup-'));
  try {
    const run = spawnSync(process.execPath, [bin, 'run', '--samples', '4', '--out', out], {
      cwd: root,
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(`could not store the small run: ${run.stderr}`);
    const probe = join(out, 'cpu-probe.cjs');
    writeFileSync(probe, CPU_PROBE);
    const [emptyCjs, emptyEsm] = [join(out, 'empty.cjs'), join(out, 'empty.mjs')];
    writeFileSync(emptyCjs, '');
    writeFileSync(emptyEsm, '');
    const n = quick ? 3 : 11;
    const cases: { label: string; args: string[]; script?: string; targetMs: number }[] = [
      { label: 'node empty.cjs (the floor)', args: [], script: emptyCjs, targetMs: 150 },
      { label: 'node empty.mjs', args: [], script: emptyEsm, targetMs: 150 },
      { label: 'turncoat --version', args: ['--version'], targetMs: 150 },
      { label: 'turncoat --help', args: ['--help'], targetMs: 150 },
      { label: 'turncoat run --help', args: ['run', '--help'], targetMs: 150 },
      { label: 'turncoat guard --help', args: ['guard', '--help'], targetMs: 150 },
      { label: 'turncoat report (60 trials)', args: ['report', '--out', out], targetMs: 500 },
      {
        label: 'turncoat report --format json',
        args: ['report', '--format', 'json', '--out', out],
        targetMs: 500,
      },
    ];
    console.log(
      `\nCLI start-up: built CLI, median of ${n} spawns each; load average before: ${loadavg()[0]!.toFixed(1)}`,
    );
    console.log(
      'command                          wall median   CPU median   over floor (wall)   target   met (wall)',
    );
    const samples = cases.map((): Sample[] => []);
    for (let i = 0; i < n; i++) {
      cases.forEach((c, k) => samples[k]!.push(timeOnce(probe, c.script ?? bin, c.args)));
    }
    const floorMs = median(samples[0]!.map((s) => s.wallMs));
    for (const [k, c] of cases.entries()) {
      const wall = median(samples[k]!.map((s) => s.wallMs));
      const cpu = median(samples[k]!.map((s) => s.cpuMs));
      const over = c.script ? '' : `${(wall - floorMs).toFixed(0)} ms`;
      console.log(
        `${c.label.padEnd(31)}  ${`${wall.toFixed(0)} ms`.padStart(11)}  ${`${cpu.toFixed(0)} ms`.padStart(11)}  ${over.padStart(17)}  ${`${c.targetMs} ms`.padStart(7)}   ${wall <= c.targetMs ? 'yes' : 'NO'}`,
      );
    }
    console.log(`load average after: ${loadavg()[0]!.toFixed(1)}`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
