/**
 * A guard in its own process for the durability tests (audit-durability.test.ts): it makes
 * allow decisions until the audit writer thread commits, then `before` more, then one deny,
 * prints `{ "beforeDeny": entries appended up to and including the deny's }`, makes `after`
 * more allows without waiting, and ends the way `how` says: `exit` (process.exit without
 * close), `throw` (an uncaught error), `sigterm` (SIGTERM with no handler: Node stops at once),
 * `sigkill` (a crash); or `flood`: allows without end, until the test kills the process.
 *
 *   node --import tsx src/guard/test-support/audit-child.ts DIR HOW BEFORE AFTER
 */
import { createGuard } from '../guard.js';
import { openGuardStore } from '../open-guard-store.js';

const [dir, how, before, after] = process.argv.slice(2) as [string, string, string, string];
const store = openGuardStore(dir);
const guard = createGuard(
  {
    rules: [
      { id: 'no-outside', when: { recipients: 'external' }, decision: 'deny', reason: 'outside' },
    ],
  },
  { store },
);
const session = guard.session('child', { companyDomains: ['acme.example'] });
const inside = { tool: 'send_email', args: { to: 'ana@acme.example', body: 'hello' } };
let appended = 0;
const allow = async () => {
  await guard.check(inside, session);
  appended += 2; // a proposal and a decision
};

const started = Date.now();
while (!store.audit.threaded) {
  if (Date.now() - started > 60_000) throw new Error('the audit writer thread never started');
  await allow();
  await new Promise((resolve) => setTimeout(resolve, 2));
}
for (let i = 0; i < Number(before); i++) await allow();
const denied = await guard.check({ tool: 'send_email', args: { to: 'x@rival.example' } }, session);
if (denied.decision !== 'deny') throw new Error(`expected a deny, got ${denied.decision}`);
appended += 3; // proposal, decision, incident
process.stdout.write(
  `${JSON.stringify({ beforeDeny: appended, threaded: store.audit.threaded })}\n`,
);
for (let i = 0; i < Number(after); i++) await allow();
// Sustained appends: the writer thread checkpoints the log again and again until killed.
if (how === 'flood') for (;;) await allow();

if (how === 'exit') process.exit(0);
if (how === 'throw') throw new Error('an uncaught error');
if (how === 'sigterm') process.kill(process.pid, 'SIGTERM');
if (how === 'sigkill') process.kill(process.pid, 'SIGKILL');
// Still here after a signal: wait to be stopped.
await new Promise((resolve) => setTimeout(resolve, 10_000));
