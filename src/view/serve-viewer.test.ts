/**
 * A real viewer server: on loopback it answers without a token; bound to any other address
 * (here 127.0.0.2, which `isLoopback` does not treat as loopback) every route answers 401
 * until the request carries the token printed at start.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startViewer } from './serve-viewer.js';
import { storeViewerFixture } from './test-support/viewer-fixture.js';

let out = '';
let assetsDir = '';

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'turncoat-view-serve-'));
  await storeViewerFixture(out);
  assetsDir = join(out, 'pages');
  mkdirSync(join(assetsDir, 'assets'), { recursive: true });
  writeFileSync(join(assetsDir, 'index.html'), '<!doctype html><title>viewer</title>');
  writeFileSync(join(assetsDir, 'assets', 'app.js'), 'console.log(1)');
});

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('turncoat view server', () => {
  it('answers on 127.0.0.1 without a token', async () => {
    const viewer = await startViewer({ outDir: out, port: 0, assetsDir });
    try {
      expect(viewer.token).toBeUndefined();
      expect(viewer.url).toBe(`http://127.0.0.1:${viewer.port}/`);
      expect((await fetch(`${viewer.url}api/runs`)).status).toBe(200);
      expect((await fetch(viewer.url)).status).toBe(200);
    } finally {
      await viewer.close();
    }
  });

  it('bound elsewhere, answers 401 to every route without the token and 200 with it', async () => {
    const viewer = await startViewer({ outDir: out, host: '127.0.0.2', port: 0, assetsDir });
    try {
      expect(viewer.token).toMatch(/^[\w-]{40,}$/);
      const base = `http://127.0.0.2:${viewer.port}`;
      for (const path of [
        '/',
        '/api/runs',
        '/api/trials',
        '/api/trials/1',
        '/assets/app.js',
        '/nothing-here',
      ]) {
        expect((await fetch(`${base}${path}`)).status, path).toBe(401);
        expect((await fetch(`${base}${path}?token=wrong`)).status, path).toBe(401);
      }
      const post = await fetch(`${base}/api/labels`, { method: 'POST', body: '{}' });
      expect(post.status).toBe(401);
      expect(
        (await fetch(`${base}/api/runs`, { headers: { authorization: `Bearer ${viewer.token}` } }))
          .status,
      ).toBe(200);
      // The guard API behind the viewer answers the same token (the viewer passes it on).
      const approvals = await fetch(`${base}/api/guard/approvals`, {
        headers: { authorization: `Bearer ${viewer.token}` },
      });
      expect(approvals.status).toBe(200);
      expect(await approvals.json()).toEqual({ approvals: [] });
      // The printed URL carries the token once; the cookie it sets admits the page's later calls.
      const first = await fetch(viewer.url);
      expect(first.status).toBe(200);
      const cookie = first.headers.get('set-cookie')!.split(';')[0]!;
      expect(first.headers.get('set-cookie')).toMatch(/HttpOnly/i);
      expect((await fetch(`${base}/api/runs`, { headers: { cookie } })).status).toBe(200);
    } finally {
      await viewer.close();
    }
  });

  it('refuses an unknown run by name, listing the known ones', async () => {
    await expect(startViewer({ outDir: out, port: 0, assetsDir, run: 'run-nope' })).rejects.toThrow(
      /unknown run 'run-nope'; valid: run-/,
    );
  });
});
