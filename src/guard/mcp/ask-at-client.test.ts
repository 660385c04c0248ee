import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import {
  ElicitRequestSchema,
  type CallToolResult,
  type ElicitResult,
} from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createGuard } from '../guard.js';
import { openGuardStore } from '../open-guard-store.js';
import { guardAtBoundary } from './guard-at-boundary.js';
import { McpRelay } from './relay.js';
import { filesystemServer } from './test-support/reference-servers.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The real guard and filesystem server, and a client whose person answers elicitations with `answer`. */
async function setUp(answer: ElicitResult | undefined) {
  const dir = mkdtempSync(join(tmpdir(), 'turncoat-ask-'));
  const store = openGuardStore(':memory:');
  const guard = createGuard(
    {
      rules: [
        {
          id: 'writes-wait',
          when: { tool: 'write_file' },
          decision: 'hold',
          reason: 'writes need a person',
        },
      ],
    },
    { store },
  );
  const [clientSide, relaySide] = InMemoryTransport.createLinkedPair();
  const relay = new McpRelay({
    session: 'ask-1',
    client: relaySide,
    upstream: new StdioClientTransport({ ...filesystemServer(dir), stderr: 'ignore' }),
    guard: guardAtBoundary(guard),
    server: 'filesystem',
  });
  await relay.start();
  const asked: string[] = [];
  const client = new Client(
    { name: 'ide', version: '1.0.0' },
    { capabilities: answer ? { elicitation: {} } : {} },
  );
  if (answer) {
    client.setRequestHandler(ElicitRequestSchema, (request) => {
      asked.push(request.params.message);
      return answer;
    });
  }
  await client.connect(clientSide);
  cleanups.push(
    () => rmSync(dir, { recursive: true, force: true }),
    () => store.close(),
    () => relay.end('test over'),
    () => client.close(),
  );
  const write = () =>
    client.callTool({
      name: 'write_file',
      arguments: { path: join(dir, 'memo.txt'), content: 'ship it' },
    }) as Promise<CallToolResult>;
  return { dir, store, asked, write };
}

describe('a hold asked of the person at the client (elicitation)', () => {
  it('runs the call once when they accept with their name, and records them as the approver', async () => {
    const { dir, store, asked, write } = await setUp({
      action: 'accept',
      content: { approver: 'Dana Reyes' },
    });
    const result = await write();
    expect(result.isError).toBeFalsy();
    expect(readFileSync(join(dir, 'memo.txt'), 'utf8')).toBe('ship it');
    expect(asked[0]).toContain('writes need a person');
    expect(asked[0]).toContain('"content":"ship it"');
    store.audit.flush();
    const approvals = store.audit
      .entries({ session: 'ask-1' })
      .filter((e) => e.kind === 'approval')
      .map((e) => e.data);
    expect(approvals).toEqual([
      expect.objectContaining({ status: 'pending' }),
      expect.objectContaining({ status: 'approved', by: 'Dana Reyes' }),
      expect.objectContaining({ status: 'used' }),
    ]);
  });

  it('refuses the call when they decline, and the approval is denied', async () => {
    const { dir, store, write } = await setUp({ action: 'decline' });
    const result = await write();
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain('declined by the person at the client');
    expect(existsSync(join(dir, 'memo.txt'))).toBe(false);
    expect(store.approvals.pending()).toEqual([]);
  });

  it('leaves the hold pending for the approvals API when the client cannot ask', async () => {
    const { dir, store, write } = await setUp(undefined);
    const result = await write();
    expect(JSON.stringify(result.content)).toMatch(/Pending approval id: apr_/);
    expect(existsSync(join(dir, 'memo.txt'))).toBe(false);
    expect(store.approvals.pending()).toHaveLength(1);
  });
});
