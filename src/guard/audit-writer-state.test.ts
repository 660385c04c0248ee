/**
 * Entries cross to the audit writer thread packed (a flat array of cells): what the thread
 * unpacks is exactly what the deciding thread appended, in order, sessions absent or present,
 * incident rows beside the entries that announce them.
 */
import { describe, expect, it } from 'vitest';
import type { PendingAuditEntry } from '../store/guard-audit.js';
import { incidentRow } from '../store/guard-incidents.js';
import { packEntries, unpackEntries } from './audit-writer-state.js';

describe('packed audit entries', () => {
  it('unpack to the entries that were packed, incidents on the right entries', () => {
    const at = '2026-11-30T15:00:00.000Z';
    const row = incidentRow(
      { session: 's-2', decision: 'deny', reason: 'no', rule: 'r' },
      [],
      { decision: 'deny', reason: 'no', latencyMs: 0 },
      0,
    );
    const entries: PendingAuditEntry[] = [
      { kind: 'proposal', data: '{"tool":"send_email"}', session: 's-1', at },
      { kind: 'kill', data: '{"scope":"global"}', session: null, at },
      { kind: 'incident', data: `{"incident":"${row.id}"}`, session: 's-2', at, incident: row },
      { kind: 'decision', data: 'null', session: '', at: '2026-11-30T15:00:00.001Z' },
    ];
    const packed = packEntries(entries);
    expect(packed.cells).toHaveLength(16);
    expect(packed.incidents).toEqual([[2, row]]);
    // What the thread receives is a structured clone of the packed form.
    expect(unpackEntries(structuredClone(packed))).toEqual(entries);
  });

  it('an empty batch stays empty', () => {
    expect(unpackEntries(packEntries([]))).toEqual([]);
  });
});
