import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createGuard } from '../guard.js';
import { openGuardStore } from '../open-guard-store.js';
import type { Approval, AuditVerification, Incident } from '../records.js';
import { createGuardApi } from './guard-api.js';
import { serveGuardApi } from './serve-guard-api.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function guardInTempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'turncoat-guard-api-'));
  const store = openGuardStore(dir);
  const guard = createGuard(
    {
      rules: [
        {
          id: 'approve-writes',
          when: { tool: 'write_file' },
          decision: 'hold',
          reason: 'writes need a person',
        },
        {
          id: 'no-moves',
          when: { tool: 'move_file' },
          decision: 'deny',
          reason: 'moving files is not allowed',
        },
      ],
    },
    { store },
  );
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => store.close());
  return { guard, store, app: createGuardApi({ store }) };
}

const post = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('guard approvals API', () => {
  it('lists a hold, refuses an approval without a name, approves it once for exactly that call', async () => {
    const { guard, app } = guardInTempDir();
    const session = guard.session('s1');
    const args = { path: '/tmp/report.txt', content: 'numbers' };
    const held = await guard.check({ tool: 'write_file', args }, session);
    expect(held.decision).toBe('hold');

    const listed = (await (await app.request('/approvals')).json()) as { approvals: Approval[] };
    expect(listed.approvals.map((a) => [a.id, a.tool, a.session])).toEqual([
      [held.approvalId, 'write_file', 's1'],
    ]);

    const nameless = await app.request(
      `/approvals/${held.approvalId}/approve`,
      post({ approver: ' ' }),
    );
    expect(nameless.status).toBe(400);
    expect(await nameless.json()).toEqual({
      error: 'approver: give the name of the person acting',
    });

    const approved = await app.request(
      `/approvals/${held.approvalId}/approve`,
      post({ approver: 'Dana Reyes' }),
    );
    expect(((await approved.json()) as { approval: Approval }).approval).toMatchObject({
      status: 'approved',
      approvers: ['Dana Reyes'],
    });

    const other = await guard.check(
      { tool: 'write_file', args: { ...args, content: 'other' } },
      session,
      { approvalId: held.approvalId! },
    );
    expect(other.decision).toBe('deny');
    const run = await guard.check({ tool: 'write_file', args }, session, {
      approvalId: held.approvalId!,
    });
    expect(run.decision).toBe('allow');
    const replay = await guard.check({ tool: 'write_file', args }, session, {
      approvalId: held.approvalId!,
    });
    expect(replay.decision).toBe('deny');

    const again = await app.request(
      `/approvals/${held.approvalId}/approve`,
      post({ approver: 'Dana Reyes' }),
    );
    expect(again.status).toBe(400);
    expect(((await again.json()) as { error: string }).error).toMatch(/not pending/);
    expect(
      (await app.request('/approvals/apr_nope/approve', post({ approver: 'Dana' }))).status,
    ).toBe(404);
  });

  it('denies a hold with a reason, and shows incidents and a verified audit trail', async () => {
    const { guard, app } = guardInTempDir();
    const session = guard.session('s2');
    const held = await guard.check({ tool: 'write_file', args: { path: 'a' } }, session);
    const denied = await app.request(
      `/approvals/${held.approvalId}/deny`,
      post({ approver: 'Sam', reason: 'not today' }),
    );
    expect(((await denied.json()) as { approval: Approval }).approval).toMatchObject({
      status: 'denied',
      deniedBy: 'Sam',
      denyReason: 'not today',
    });
    expect(
      (await app.request(`/approvals/${held.approvalId}/deny`, post({ approver: 'Sam' }))).status,
    ).toBe(400);

    await guard.check({ tool: 'move_file', args: { from: 'a', to: 'b' } }, session);
    const { incidents } = (await (await app.request('/incidents')).json()) as {
      incidents: Incident[];
    };
    expect(incidents).toEqual([
      expect.objectContaining({
        session: 's2',
        decision: 'deny',
        rule: 'no-moves',
        tool: 'move_file',
      }),
    ]);
    const bundle = (await (await app.request(`/incidents/${incidents[0]!.id}`)).json()) as {
      format: string;
    };
    expect(bundle.format).toBe('turncoat-guard-incident@1');

    const audit = (await (await app.request('/audit?session=s2')).json()) as {
      entries: Array<{ kind: string }>;
      verification: AuditVerification;
    };
    expect(audit.verification.ok).toBe(true);
    expect(audit.entries.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['proposal', 'decision', 'approval']),
    );
    const exported = await (await app.request('/audit/export')).text();
    expect(exported.trim().split('\n').length).toBeGreaterThan(audit.entries.length);
  });

  it('kills and resumes one session or everything, and the guard obeys', async () => {
    const { guard, app } = guardInTempDir();
    const killed = await app.request(
      '/kill',
      post({ session: 's3', by: 'Dana', reason: 'acting strangely' }),
    );
    expect(await killed.json()).toEqual({ kill: { global: false, sessions: ['s3'] } });
    expect((await guard.check({ tool: 'read_file', args: {} }, guard.session('s3'))).decision).toBe(
      'kill',
    );
    expect((await guard.check({ tool: 'read_file', args: {} }, guard.session('s4'))).decision).toBe(
      'allow',
    );

    await app.request('/kill', post({ by: 'Dana' }));
    expect((await guard.check({ tool: 'read_file', args: {} }, guard.session('s4'))).decision).toBe(
      'kill',
    );
    expect((await app.request('/kill', post({ reason: 'no name' }))).status).toBe(400);
    const resumed = await app.request('/resume', post({ by: 'Dana' }));
    expect(await resumed.json()).toEqual({ kill: { global: false, sessions: ['s3', 's4'] } });
  });

  it('refuses form posts and requests addressed to another host name', async () => {
    const { app } = guardInTempDir();
    const form = await app.request('/kill', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'by=x',
    });
    expect(form.status).toBe(415);
    expect((await app.request('http://attacker.example/approvals')).status).toBe(403);
  });
});

describe('turncoat guard serve', () => {
  it('binds loopback, and needs a token anywhere else or when one is given', async () => {
    const { store } = guardInTempDir();
    await expect(serveGuardApi({ store, host: '0.0.0.0', port: 0 })).rejects.toThrow(/--token/);
    const api = await serveGuardApi({ store, port: 0, token: 'open-sesame' });
    cleanups.push(() => api.close());
    expect(api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${api.url}/approvals`)).status).toBe(401);
    const ok = await fetch(`${api.url}/approvals`, {
      headers: { authorization: 'Bearer open-sesame' },
    });
    expect(await ok.json()).toEqual({ approvals: [] });
  });

  it('without a token, answers only requests whose Host is loopback (no DNS rebinding)', async () => {
    const { store } = guardInTempDir();
    const api = await serveGuardApi({ store, port: 0 });
    cleanups.push(() => api.close());
    const status = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const url = new URL(`${api.url}/approvals`);
        request(
          { host: url.hostname, port: url.port, path: url.pathname, headers: { host } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        )
          .on('error', reject)
          .end();
      });
    expect(await status(`127.0.0.1:${new URL(api.url).port}`)).toBe(200);
    expect(await status('rebound.attacker.example')).toBe(403);
  });
});
