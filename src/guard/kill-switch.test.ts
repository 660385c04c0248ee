import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createGuard, GuardKilledError } from './guard.js';
import type { Monitor } from './monitor/monitor.js';
import { openGuardStore } from './open-guard-store.js';

const CHILD = fileURLToPath(new URL('./test-support/kill-child.ts', import.meta.url));

/** `turncoat guard kill|resume` in another process; returns once that process has exited. */
function fromAnotherProcess(dir: string, action: 'kill' | 'resume', scope: string) {
  const child = spawnSync(process.execPath, ['--import', 'tsx', CHILD, dir, action, scope], {
    encoding: 'utf8',
  });
  expect(child.stderr).toBe('');
  expect(child.status).toBe(0);
}

/** Decides as a busy guard does until the audit writer thread commits (and watches the kill switch). */
async function untilThreaded(guard: ReturnType<typeof createGuard>) {
  const session = guard.session('warm-up');
  const started = Date.now();
  while (!guard.store.audit.threaded) {
    if (Date.now() - started > 30_000) throw new Error('the audit writer thread never started');
    await guard.check({ tool: 'read_inbox', args: {} }, session);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

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

  it("a busy guard (audit writer thread running) stops every call checked after another process's kill returned, and runs again after its resume", async () => {
    const dir = tempDir();
    const guard = createGuard({}, { store: openGuardStore(dir) });
    await untilThreaded(guard);
    const executed: string[] = [];
    expect(await guardedCall(guard, 'agent-3', executed, 0)).toBe('executed');
    fromAnotherProcess(dir, 'kill', 'agent-3');
    // Checked right after the kill returned: all 100 concurrent calls of the session stop.
    const killed = await Promise.all(
      Array.from({ length: 100 }, (_, i) => guardedCall(guard, 'agent-3', executed, 1 + i)),
    );
    expect(new Set(killed)).toEqual(new Set(['kill']));
    expect(await guardedCall(guard, 'agent-4', executed, 200)).toBe('executed');
    fromAnotherProcess(dir, 'kill', 'global');
    expect(await guardedCall(guard, 'agent-4', executed, 201)).toBe('kill');
    fromAnotherProcess(dir, 'resume', 'global');
    fromAnotherProcess(dir, 'resume', 'agent-3');
    expect(await guardedCall(guard, 'agent-3', executed, 202)).toBe('executed');
    expect(guard.store.audit.threaded).toBe(true);
    expect(executed).toEqual(['agent-3#0', 'agent-4#200', 'agent-3#202']);
    guard.close();
  });

  it('a kill from another process lands between a check and the execution: the call does not run', async () => {
    const dir = tempDir();
    const guard = createGuard({}, { store: openGuardStore(dir) });
    await untilThreaded(guard);
    const session = guard.session('agent-5');
    const call = { tool: 'send_email', args: { to: 'ops@acme.example', body: 'now' } };
    expect((await guard.check(call, session)).decision).toBe('allow');
    fromAnotherProcess(dir, 'kill', 'global');
    expect(() => guard.executed(call, session, { ok: true })).toThrow(GuardKilledError);
    guard.close();
  });
});
