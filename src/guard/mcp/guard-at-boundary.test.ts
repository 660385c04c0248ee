import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createGuard } from '../guard.js';
import { openGuardStore } from '../open-guard-store.js';
import type { GuardEvent } from '../notify/guard-event.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from '../notify/signature.js';
import { webhookNotifier } from '../notify/webhook.js';
import { guardAtBoundary } from './guard-at-boundary.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function receiver() {
  const events: GuardEvent[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const signature = req.headers[SIGNATURE_HEADER] as string;
      const timestamp = req.headers[TIMESTAMP_HEADER] as string;
      if (verifySignature({ body, signature, timestamp, secret: 'hook-secret' }))
        events.push(JSON.parse(body) as GuardEvent);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, events };
}

describe('guardAtBoundary', () => {
  it('sends holds, denials and kills to the webhook, signed, and keeps one approval per repeated hold', async () => {
    const hook = await receiver();
    const store = openGuardStore(':memory:');
    cleanups.push(() => store.close());
    const guard = createGuard(
      {
        rules: [
          {
            id: 'writes-wait',
            when: { tool: 'write_file' },
            decision: 'hold',
            reason: 'writes need a person',
          },
          { id: 'no-moves', when: { tool: 'move_file' }, decision: 'deny', reason: 'no moves' },
          {
            id: 'no-wipes',
            when: { tool: 'wipe_disk' },
            decision: 'kill',
            reason: 'wiping is hostile',
          },
        ],
      },
      { store },
    );
    const notifier = webhookNotifier({ url: hook.url, secret: 'hook-secret', backoffMs: 5 });
    const boundary = guardAtBoundary(guard, { notifier });

    const held = await boundary.check({ tool: 'write_file', args: { path: 'a' } }, 's1');
    const again = await boundary.check({ tool: 'write_file', args: { path: 'a' } }, 's1');
    expect(again).toMatchObject({ decision: 'hold', approvalId: held.approvalId });
    expect(store.approvals.pending()).toHaveLength(1);
    expect(await boundary.check({ tool: 'move_file', args: {} }, 's1')).toMatchObject({
      decision: 'deny',
      rule: 'no-moves',
    });
    expect(await boundary.check({ tool: 'wipe_disk', args: {} }, 's2')).toMatchObject({
      decision: 'kill',
    });
    expect(boundary.isKilled('s2')).toBe(true);
    expect(boundary.isKilled('s1')).toBe(false);

    await notifier.drain();
    const byType = (type: string) => hook.events.filter((e) => e.type === type);
    expect(byType('guard.hold')).toEqual([
      expect.objectContaining({
        session: 's1',
        tool: 'write_file',
        rule: 'writes-wait',
        approvalId: held.approvalId,
      }),
    ]); // asking again for the same pending hold notifies nobody twice
    expect(byType('guard.deny')).toEqual([
      expect.objectContaining({ tool: 'move_file', incidentId: expect.stringMatching(/^inc_/) }),
    ]);
    expect(byType('guard.kill')).toEqual([
      expect.objectContaining({ session: 's2', reason: 'wiping is hostile' }),
    ]);
    expect(JSON.stringify(hook.events)).not.toContain('"args"');
  });
});
