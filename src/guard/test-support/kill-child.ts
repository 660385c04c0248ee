/**
 * `turncoat guard kill` / `resume` as another process runs them, for the kill switch tests
 * (kill-switch.test.ts): opens the store in DIR, kills or resumes SESSION (or everything when
 * it is `global`), closes, and exits; its kill returns only once every guard must see it.
 *
 *   node --import tsx src/guard/test-support/kill-child.ts DIR kill|resume SESSION|global
 */
import { openGuardStore } from '../open-guard-store.js';

const [dir, action, scope] = process.argv.slice(2) as [string, string, string];
const store = openGuardStore(dir, { create: false, auditThread: false });
const session = scope === 'global' ? undefined : scope;
if (action === 'kill') store.killSwitch.kill(session, 'operator', 'from another process');
else if (action === 'resume') store.killSwitch.resume(session, 'operator');
else throw new Error(`unknown action '${action}': kill or resume`);
store.close();
