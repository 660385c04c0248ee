import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/test-support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'turncoat-policy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GOOD = `version: 1
tools:
  send_email: { risky: true }
  cancel_alert: { risky: true, safetyCritical: true }
monitor:
  kind: heuristic
  thresholds: { hold: 50, deny: 80 }
rules:
  - id: no-leaks
    when: { tool: send_email, recipients: external, carries: confidential }
    decision: deny
    reason: confidential material stays inside
`;

function policyFile(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('bad policy files exit 2 naming file:line:column and the field', () => {
  it('accepts the good file', async () => {
    const r = await runCli('guard', 'check', policyFile('good.yaml', GOOD));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ok \(1 rules/);
  });

  it.each([
    [
      'unknown field',
      GOOD.replace('    decision: deny', '    decison: deny\n    decision: deny'),
      11,
      /rules\[0\]\.decison: unknown field 'decison'/,
    ],
    [
      'wrong type',
      GOOD.replace('risky: true }\n  cancel', "risky: 'yes' }\n  cancel"),
      3,
      /tools\.send_email\.risky: .*boolean/i,
    ],
    [
      'threshold out of range',
      GOOD.replace('deny: 80', 'deny: 180'),
      7,
      /monitor\.thresholds\.deny: .*100/,
    ],
    [
      'unknown tool',
      GOOD.replace('tool: send_email,', 'tool: send_mail,'),
      10,
      /rules\[0\]\.when\.tool: unknown tool 'send_mail'; valid: send_email, cancel_alert/,
    ],
  ])('%s', async (name, text, line, message) => {
    const file = policyFile(`${name.replaceAll(' ', '-')}.yaml`, text);
    for (const args of [
      ['guard', 'check', file],
      [
        'run',
        '--model',
        'reference:aligned',
        '--scenario',
        'routine',
        '--samples',
        '1',
        '--guard',
        file,
        '--out',
        join(dir, 'out'),
      ],
    ]) {
      const r = await runCli(...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${file}:${line}:`);
      expect(r.stderr).toMatch(message);
    }
  });
});
