import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { storeReferenceRun } from '../cli/test-support/reference-run.js';
import { openStoreReadOnly } from '../store/store.js';
import { startRunReport } from './run-report.js';
import { writeRunReport } from './write-run-report.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A small stored run (scripted agents) and its id. */
async function storedRun(): Promise<{ out: string; runId: string }> {
  const out = mkdtempSync(join(tmpdir(), 'turncoat-run-report-'));
  dirs.push(out);
  const run = await storeReferenceRun(out);
  expect(run.code).toBe(0);
  const store = openStoreReadOnly(out);
  try {
    return { out, runId: store.run().id };
  } finally {
    store.close();
  }
}

describe('startRunReport', () => {
  it('writes, from its thread, the very report.html writeRunReport writes here', async () => {
    const { out, runId } = await storedRun();
    // Drawn here first: Vega numbers gradients per thread (gradient_0, _1, ...), so a report
    // drawn in this thread afterwards would carry a higher number than this one.
    const file = await writeRunReport(out, runId);
    const here = readFileSync(file, 'utf8');
    rmSync(file);
    const report = startRunReport({ threadFromSource: true });
    expect(await report.write(out, runId)).toBe(join(out, 'report.html'));
    const fromThread = readFileSync(file, 'utf8');
    const gradients = (html: string) => html.replace(/gradient_\d+/g, 'gradient_N');
    expect(gradients(fromThread)).toBe(gradients(here));
    const numberOf = (html: string) => Number(/url\(#gradient_(\d+)\)/.exec(html)![1]);
    // a fresh thread, as in a new process, not a fallback to this one
    expect(numberOf(fromThread)).toBeLessThanOrEqual(numberOf(here));
    expect(fromThread).toContain('<svg role="img"');
    expect(fromThread).toContain('reference:misaligned');
  });

  it('still writes the report here when its thread was stopped first', async () => {
    const { out, runId } = await storedRun();
    const report = startRunReport({ threadFromSource: true });
    report.close();
    const file = await report.write(out, runId);
    expect(readFileSync(file, 'utf8')).toContain('<svg role="img"');
  });
});
