import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../store/runs.js';
import { runState } from './build-report.js';

const run = (status: RunRecord['status']): RunRecord => ({
  id: 'run-1',
  created: '2026-11-27T08:00:00Z',
  updated: '2026-11-27T08:00:00Z',
  plan: {
    models: ['reference:aligned', 'reference:misaligned'],
    conditions: ['blackmail_none-none_none', 'blackmail_explicit-america_replacement'],
    variants: [0],
    protocol: 'text',
    seed: 0,
  } as RunRecord['plan'],
  planHash: 'x',
  packHashes: {},
  samples: 10,
  toolVersion: '0.1.0',
  status,
});

describe('runState', () => {
  it('says complete for a complete run', () => {
    expect(runState(run('complete'), 40)).toBe('complete');
  });

  it('tells a killed run (still marked running) how far it got and how to resume', () => {
    expect(runState(run('running'), 17)).toBe(
      'running, or stopped without finishing: 17 of 40 trials stored; rerun the same command to resume',
    );
  });

  it('names an interrupted run as such', () => {
    expect(runState(run('interrupted'), 5)).toMatch(/^interrupted: 5 of 40 trials stored/);
  });
});
