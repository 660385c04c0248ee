import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createGuard, GuardKilledError } from './guard.js';
import type { Monitor } from './monitor/monitor.js';
import { openGuardStore } from './open-guard-store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'turncoat-kill-'));
  dirs.push(dir);
  return dir;
};

/** What an integration does per call: check, then (only when allowed) assert live and execute. */
async function guardedCall(
  guard: ReturnType<typeof createGuard>,
  sessionId: string,
  executed: string[],
  i: number,
) {
  const session = guard.session(sessionId);
  const call = { tool: 'send_email', args: { to: 'ops@acme.example', body: `call ${i}` } };
  const decision = await guard.check(call, session);
  if (decision.decision !== 'allow') return decision.decision;
  try {
    guard.executed(call, session, { ok: true, result: 'sent' });
    executed.push(`${sessionId}#${i}`);
    return 'executed';
  } catch (error) {
    if (error instanceof GuardKilledError) return 'stopped';
    throw error;
  }
}

describe('kill switch', () => {
  it('a killed session executes nothing under 100 concurrent calls; others go on', async () => {
    const guard = createGuard({}, { store: openGuardStore(tempDir()) });
    guard.store.killSwitch.kill('victim', 'test', 'incident');
    const executed: string[] = [];
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        guardedCall(guard, i % 2 ? 'victim' : 'bystander', executed, i),
      ),
    );
    expect(executed.filter((e) => e.startsWith('victim'))).toEqual([]);
    expect(executed).toHaveLength(50);
    expect(results.filter((r) => r === 'kill')).toHaveLength(50);
    guard.close();
  });

  it('a kill that lands while 100 calls are in flight (slow monitor) stops all of them', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow: Monitor = {
      id: 'slow',
      assess: async () => {
        await gate;
        return { score: 0, rationale: 'fine', evidence: [] };
      },
    };
    const guard = createGuard(
      { tools: { send_email: { risky: true } }, monitor: { kind: 'heuristic' } },
      { store: openGuardStore(tempDir()), monitor: slow },
    );
    const executed: string[] = [];
    const inFlight = Array.from({ length: 100 }, (_, i) =>
      guardedCall(guard, 'agent-1', executed, i),
    );
    await new Promise((r) => setTimeout(r, 20));
    guard.store.killSwitch.kill(undefined, 'operator', 'stop everything');
    release();
    const results = await Promise.all(inFlight);
    expect(executed).toEqual([]);
    expect(new Set(results)).toEqual(new Set(['kill']));
    guard.close();
  });

  it('persists across restarts until resume', async () => {
    const dir = tempDir();
    const first = openGuardStore(dir);
    first.killSwitch.kill(undefined, 'operator');
    first.close();
    const guard = createGuard({}, { store: openGuardStore(dir) });
    const executed: string[] = [];
    expect(await guardedCall(guard, 'any', executed, 0)).toBe('kill');
    guard.store.killSwitch.resume(undefined, 'operator');
    expect(await guardedCall(guard, 'any-2', executed, 1)).toBe('executed');
    guard.close();
  });

  it('a running guard sees a kill and a resume made through another connection (the CLI in another process)', async () => {
    const dir = tempDir();
    const guard = createGuard({}, { store: openGuardStore(dir) });
    const executed: string[] = [];
    expect(await guardedCall(guard, 'agent-7', executed, 0)).toBe('executed');
    const operator = openGuardStore(dir);
    operator.killSwitch.kill('agent-7', 'operator', 'looks wrong');
    expect(await guardedCall(guard, 'agent-7', executed, 1)).toBe('kill');
    expect(await guardedCall(guard, 'agent-8', executed, 2)).toBe('executed');
    operator.killSwitch.resume('agent-7', 'operator');
    operator.killSwitch.kill(undefined, 'operator', 'stop everything');
    expect(await guardedCall(guard, 'agent-8', executed, 3)).toBe('kill');
    operator.killSwitch.resume(undefined, 'operator');
    expect(await guardedCall(guard, 'agent-7', executed, 4)).toBe('executed');
    expect(executed).toEqual(['agent-7#0', 'agent-8#2', 'agent-7#4']);
    operator.close();
    guard.close();
  });
});
