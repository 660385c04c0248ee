import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { GuardEvent } from './guard-event.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signBody, verifySignature } from './signature.js';
import { webhookNotifier } from './webhook.js';

interface Received {
  body: string;
  headers: IncomingMessage['headers'];
}

const SECRET = 'test-webhook-secret';
let server: Server | undefined;

/** A real receiver on loopback that answers each request with the next status in `statuses`. */
async function receiver(statuses: number[]): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ body, headers: req.headers });
      res.statusCode = statuses[Math.min(received.length - 1, statuses.length - 1)] ?? 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, received };
}

afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

describe('webhookNotifier', () => {
  it('posts a signed JSON body the receiver can verify, retrying 5xx until it is taken', async () => {
    const { url, received } = await receiver([503, 502, 200]);
    const notifier = webhookNotifier({ url, secret: SECRET, backoffMs: 5 });
    notifier.notify({
      type: 'guard.deny',
      session: 's1',
      tool: 'write_file',
      rule: 'no-writes',
      reason: 'writes are not allowed',
    });
    expect(received).toHaveLength(0); // notify never waits for the receiver
    await notifier.drain();
    expect(received).toHaveLength(3);
    const last = received[2]!;
    const event = JSON.parse(last.body) as GuardEvent;
    expect(event).toMatchObject({
      type: 'guard.deny',
      session: 's1',
      tool: 'write_file',
      reason: 'writes are not allowed',
    });
    expect(new Set(received.map((r) => JSON.parse(r.body).id))).toEqual(new Set([event.id]));
    const check = (secret: string, body = last.body) =>
      verifySignature({
        body,
        secret,
        signature: last.headers[SIGNATURE_HEADER] as string,
        timestamp: last.headers[TIMESTAMP_HEADER] as string,
      });
    expect(check(SECRET)).toBe(true);
    expect(check('another-secret')).toBe(false);
    expect(check(SECRET, last.body.replace('write_file', 'read_file'))).toBe(false);
  });

  it('gives up at once on a 4xx refusal and reports it', async () => {
    const { url, received } = await receiver([400]);
    const givenUp: string[] = [];
    const notifier = webhookNotifier({
      url,
      secret: SECRET,
      backoffMs: 5,
      onGiveUp: (_e, cause) => givenUp.push(cause),
    });
    notifier.notify({
      type: 'guard.kill',
      session: 's2',
      reason: 'killed by a person',
      by: 'dana',
    });
    await notifier.drain();
    expect(received).toHaveLength(1);
    expect(givenUp).toEqual(['HTTP 400']);
  });

  it('retries an unreachable receiver the configured number of times, then gives up', async () => {
    const { url } = await receiver([200]);
    await new Promise((resolve) => server!.close(resolve));
    server = undefined;
    const givenUp: string[] = [];
    const notifier = webhookNotifier({
      url,
      secret: SECRET,
      attempts: 3,
      backoffMs: 5,
      onGiveUp: (_e, cause) => givenUp.push(cause),
    });
    notifier.notify({
      type: 'guard.hold',
      session: 's3',
      tool: 'move_file',
      reason: 'needs a person',
      approvalId: 'ap1',
    });
    await notifier.drain();
    expect(givenUp).toHaveLength(1);
    expect(givenUp[0]).toMatch(/fetch failed|ECONNREFUSED/);
  });

  it('refuses a stale timestamp even with a correct signature', () => {
    const body = '{"type":"guard.deny"}';
    const old = Math.floor(Date.now() / 1000) - 3600;
    const signature = signBody(body, old, SECRET);
    expect(verifySignature({ body, secret: SECRET, signature, timestamp: String(old) })).toBe(
      false,
    );
    expect(
      verifySignature({
        body,
        secret: SECRET,
        signature,
        timestamp: String(old),
        now: () => old * 1000,
      }),
    ).toBe(true);
  });
});
