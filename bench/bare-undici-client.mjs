/**
 * The floor this machine reaches with no harness: CALLS chat completions over LANES lanes,
 * each lane one call after another, sent the way turncoat's lean path sends them (undici's
 * connection pool, the same request body as shared bytes, the reply read and parsed as JSON, the
 * same V8 flag), and nothing else. Plain JavaScript, started as its own process by
 * bench/timeline.ts and bench/peer.ts, so its wall time is a whole process too. Writes each
 * call's created and answered times (epoch ms) and its own start (process origin) to OUT as
 * JSON.
 *
 *   node bench/bare-undici-client.mjs URL LANES CALLS BODY_FILE OUT
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';

// As bin/turncoat.js does: llhttp's WebAssembly compiled by V8's baseline compiler only.
// undici compiles it as it loads, so the flag goes first and undici after it.
setFlagsFromString('--liftoff-only');
const { Agent } = await import('undici');

const [url, lanes, calls, bodyFile, out] = process.argv.slice(2);
const target = new URL(`${url.replace(/\/$/, '')}/chat/completions`);
const body = readFileSync(bodyFile);
const pool = new Agent({ headersTimeout: 0, bodyTimeout: 0 });
const now = () => performance.timeOrigin + performance.now();
const created = [];
const headers = [];
let left = Number(calls);

const lane = async () => {
  while (left > 0) {
    left--;
    created.push(now());
    const res = await pool.request({
      origin: target.origin,
      path: target.pathname,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    headers.push(now());
    const reply = JSON.parse(await res.body.text());
    if (res.statusCode !== 200 || !Array.isArray(reply.choices))
      throw new Error(`status ${res.statusCode}`);
    // undici frees the connection after this turn (as turncoat's lean path waits too).
    await new Promise((resolve) => setImmediate(resolve));
  }
};

await Promise.all(Array.from({ length: Number(lanes) }, lane));
await pool.close();
writeFileSync(out, JSON.stringify({ origin: performance.timeOrigin, created, headers }));
