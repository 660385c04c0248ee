import type { Command } from 'commander';
import { userInfo } from 'node:os';
import type { CommandContext, RegisterCommand } from '../main.js';

interface StoreOptions {
  out: string;
  json?: boolean;
}

const OUT = [
  '--out <dir>',
  'output directory holding turncoat.db and the guard keys',
  'turncoat-out',
] as const;

function defaultApprover(): string {
  try {
    return userInfo().username;
  } catch {
    return 'cli';
  }
}

/** `turncoat guard ...`: the approval queue, the kill switch, the audit trail, incidents, policy checks. */
export const register: RegisterCommand = (program: Command, ctx: CommandContext) => {
  const guard = program
    .command('guard')
    .description('Operate the guard: approvals, kill switch, audit trail, incidents, policy check');

  guard
    .command('check <policy>')
    .description(
      'Validate a guard policy file (errors name file:line:column and the field; exit 2)',
    )
    .action(async (file: string) => {
      const { loadPolicyFile } = await import('../../guard/policy/parse-policy.js');
      const { createGuard } = await import('../../guard/guard.js');
      const { policy } = loadPolicyFile(file);
      const g = createGuard(policy);
      ctx.io.out(
        `${file}: ok (${policy.rules.length} rules, mode ${policy.mode}, default ${policy.default}, monitor ${policy.monitor.kind}); policy hash ${g.policyHash.slice(0, 12)}`,
      );
      g.close();
    });

  guard
    .command('approvals')
    .description('List holds waiting for a person, oldest first')
    .option(...OUT)
    .option('--json', 'print JSON')
    .action((options: StoreOptions) =>
      withStore(options, async (store) => {
        const { formatApprovals } = await import('../../guard/format-guard.js');
        const pending = store.approvals.pending();
        ctx.io.out(options.json ? JSON.stringify(pending, null, 2) : formatApprovals(pending));
      }),
    );

  guard
    .command('approve <id>')
    .description('Approve a held call (a rule may need two distinct approvers)')
    .option(...OUT)
    .option('--by <name>', 'who approves (default: your user name)')
    .action((id: string, options: StoreOptions & { by?: string }) =>
      withStore(options, async (store) => {
        const approval = store.approvals.approve(id, options.by ?? defaultApprover());
        ctx.io.out(
          approval.status === 'approved'
            ? `${id}: approved by ${approval.approvers.join(', ')}; the same call in the same session may now run once`
            : `${id}: ${approval.approvers.length} of ${approval.required} approvals; waiting for another approver`,
        );
      }),
    );

  guard
    .command('deny <id>')
    .description('Deny a held call; the agent is told the reason')
    .option(...OUT)
    .requiredOption('--reason <text>', 'why (the agent and the incident see it)')
    .option('--by <name>', 'who denies (default: your user name)')
    .action((id: string, options: StoreOptions & { by?: string; reason: string }) =>
      withStore(options, (store) => {
        store.approvals.deny(id, options.by ?? defaultApprover(), options.reason);
        ctx.io.out(`${id}: denied`);
      }),
    );

  for (const [name, verb] of [
    ['kill', 'Stop every session (or one with --session): nothing executes until resume'],
    ['resume', 'Lift the kill switch (global, or one session with --session)'],
  ] as const) {
    guard
      .command(name)
      .description(verb)
      .option(...OUT)
      .option('--session <id>', 'one session only')
      .option('--reason <text>', 'why (kept in the audit trail)')
      .option('--by <name>', 'who (default: your user name)')
      .action((options: StoreOptions & { session?: string; reason?: string; by?: string }) =>
        withStore(options, (store) => {
          const by = options.by ?? defaultApprover();
          if (name === 'kill') store.killSwitch.kill(options.session, by, options.reason);
          else store.killSwitch.resume(options.session, by);
          const state = store.killSwitch.state();
          ctx.io.out(
            `kill switch: global ${state.global ? 'ON' : 'off'}; killed sessions: ${state.sessions.length === 0 ? 'none' : state.sessions.length}`,
          );
        }),
      );
  }

  const audit = guard.command('audit').description('The hash-chained, signed audit trail');
  audit
    .command('verify')
    .description('Check every entry and checkpoint; names the first bad entry (exit 1 when broken)')
    .option(...OUT)
    .option('--json', 'print JSON')
    .action((options: StoreOptions) =>
      withStore(options, (store) => {
        const result = store.audit.verify();
        if (options.json) ctx.io.out(JSON.stringify(result, null, 2));
        else if (result.ok)
          ctx.io.out(
            `audit trail intact: ${result.entries} entries, ${result.checkpoints} signed checkpoints (Ed25519 public key ${result.publicKey.slice(-16)})`,
          );
        else
          ctx.io.out(
            `audit trail BROKEN at entry ${result.firstBad!.seq}: ${result.firstBad!.problem}`,
          );
        if (!result.ok) ctx.exitCode = 1;
      }),
    );
  audit
    .command('export')
    .description('Print the audit trail as JSONL: entries, signed checkpoints, the public key')
    .option(...OUT)
    .action((options: StoreOptions) =>
      withStore(options, (store) => {
        for (const line of store.audit.exportJsonl()) ctx.io.out(line);
      }),
    );

  guard
    .command('incidents')
    .description('List incidents (every deny and kill opens one)')
    .option(...OUT)
    .option('--json', 'print JSON')
    .action((options: StoreOptions) =>
      withStore(options, async (store) => {
        const { formatIncidents } = await import('../../guard/format-guard.js');
        const list = store.incidents.list();
        ctx.io.out(options.json ? JSON.stringify(list, null, 2) : formatIncidents(list));
      }),
    );

  guard
    .command('incident <id>')
    .description(
      'Write one incident as a self-contained bundle (transcript, decisions, approvals, audit entries with proof)',
    )
    .option(...OUT)
    .option('--file <path>', 'where to write it (default: <out>/incidents/<id>.json)')
    .action((id: string, options: StoreOptions & { file?: string }) =>
      withStore(options, async (store) => {
        const { writeIncidentBundle } = await import('../../guard/incident-file.js');
        const { file, bundle } = writeIncidentBundle(store, id, options.out, options.file);
        const v = bundle.audit.verification;
        ctx.io.out(
          `${file}\n  ${bundle.incident.decision} by ${bundle.incident.rule ?? 'default'}: ${bundle.incident.reason}\n  ${bundle.transcript.length} steps, ${bundle.decisions.length} decisions, ${bundle.approvals.length} approvals, ${bundle.audit.entries.length} audit entries (chain ${v.ok ? 'intact' : `BROKEN at ${v.firstBad!.seq}`})`,
        );
      }),
    );
};

async function withStore(
  options: StoreOptions,
  action: (store: import('../../guard/guard-store.js').GuardStore) => void | Promise<void>,
): Promise<void> {
  const { openGuardStore } = await import('../../guard/open-guard-store.js');
  const store = openGuardStore(options.out, { create: false });
  try {
    await action(store);
  } finally {
    store.close();
  }
}
