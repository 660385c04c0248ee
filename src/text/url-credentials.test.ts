import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/test-support/run-cli.js';
import { hasUrlCredentials, redactUrlCredentials } from './url-credentials.js';

const KEY = 'sk-live-0123456789abcdef';

describe('credentials in URLs', () => {
  it('are found and redacted, whatever the scheme', () => {
    expect(hasUrlCredentials(`http://me:${KEY}@host/v1`)).toBe(true);
    expect(hasUrlCredentials('https://host:8443/v1')).toBe(false);
    expect(redactUrlCredentials(`failed: https://me:${KEY}@host/v1 and http://x@y`)).toBe(
      'failed: https://[redacted]@host/v1 and http://[redacted]@y',
    );
  });

  it('a model id whose base URL carries a key is refused, and the key is not printed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'turncoat-url-'));
    try {
      const model = `openai-compatible:mock@http://me:${KEY}@127.0.0.1:9/v1`;
      for (const extra of [['--dry-run'], []]) {
        const { code, stdout, stderr } = await runCli(
          'run',
          '--model',
          model,
          '--samples',
          '1',
          '--out',
          dir,
          ...extra,
        );
        expect(code).toBe(2);
        expect(stderr).toContain('carries credentials');
        expect(stdout + stderr).not.toContain(KEY);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a config model's baseURL with credentials is refused", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'turncoat-url-'));
    try {
      const file = join(dir, 'turncoat.config.yaml');
      writeFileSync(
        file,
        [
          'models:',
          '  - id: openai:gpt-4.1',
          `    baseURL: http://me:${KEY}@127.0.0.1:9/v1`,
          'out: out',
        ].join('\n'),
      );
      const { code, stdout, stderr } = await runCli('run', '--config', file, '--dry-run');
      expect(code).toBe(2);
      expect(stderr).toContain('must not carry credentials');
      expect(stdout + stderr).not.toContain(KEY);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
