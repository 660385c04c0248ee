import { Hono, type Context } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { InputError } from '../../errors.js';
import type { GuardStore } from '../guard-store.js';
import {
  approve,
  deny,
  exportAudit,
  kill,
  killState,
  listIncidents,
  listPending,
  readIncident,
  resume,
  verifyAudit,
} from '../operations.js';
import { silentNotifier, type Notifier } from '../notify/webhook.js';
import { isLoopback } from './access.js';

export interface GuardApiOptions {
  store: GuardStore;
  /** When set, every request needs `Authorization: Bearer <token>`. */
  token?: string;
  /** Told about kills made through the API (a webhook). */
  notifier?: Notifier;
}

const name = z.string().trim().min(1, 'give the name of the person acting');
const approveBody = z.strictObject({ approver: name });
const denyBody = z.strictObject({ approver: name, reason: z.string().trim().min(1, 'say why') });
const killBody = z.strictObject({
  session: z.string().min(1).optional(),
  by: name,
  reason: z.string().optional(),
});
const resumeBody = z.strictObject({ session: z.string().min(1).optional(), by: name });
const auditQuery = z.strictObject({
  session: z.string().min(1).optional(),
  from: z.coerce.number().int().min(1).optional(),
  to: z.coerce.number().int().min(1).optional(),
});

/**
 * The approvals service as a Hono app over a guard store: holds, approvals, the kill switch,
 * the audit trail and incidents (routes and JSON shapes in docs/guard-api.md). Mount it
 * under any server, e.g. the viewer's: `app.route('/api/guard', createGuardApi({ store }))`.
 * Without a token it answers only requests addressed to a loopback host name (no DNS
 * rebinding), and every write must be JSON (no cross-site form posts).
 *
 * @example
 * const app = createGuardApi({ store: openGuardStore('./turncoat-out') });
 * await app.request('/approvals') // { approvals: [...] }
 */
export function createGuardApi(options: GuardApiOptions): Hono {
  const { store } = options;
  const notifier = options.notifier ?? silentNotifier;
  const app = new Hono();

  app.onError((error, c) => {
    if (error instanceof HTTPException)
      return c.json({ error: error.message || 'unauthorized' }, error.status);
    if (error instanceof InputError) return c.json({ error: error.message }, 400);
    if (error instanceof z.ZodError) return c.json({ error: zodMessage(error) }, 400);
    if (error instanceof SyntaxError) return c.json({ error: 'the body is not valid JSON' }, 400);
    return c.json({ error: 'internal error', detail: error.message }, 500);
  });
  if (options.token) {
    app.use('*', bearerAuth({ token: options.token }));
  } else {
    app.use('*', async (c, next) => {
      const host = new URL(c.req.url).hostname;
      if (!isLoopback(host))
        return c.json({ error: `requests must be addressed to a loopback host, not ${host}` }, 403);
      await next();
    });
  }
  app.use('*', async (c, next) => {
    const type = c.req.header('content-type') ?? '';
    if (c.req.method === 'POST' && !type.startsWith('application/json')) {
      return c.json({ error: 'send the body as application/json' }, 415);
    }
    await next();
  });

  app.get('/health', (c) => c.json({ ok: true }));

  app.get('/approvals', (c) => c.json({ approvals: listPending(store) }));
  app.get('/approvals/:id', (c) => {
    const approval = store.approvals.get(c.req.param('id'));
    return approval ? c.json({ approval }) : notFound(c, 'approval', c.req.param('id'));
  });
  app.post('/approvals/:id/approve', async (c) => {
    const id = c.req.param('id');
    if (!store.approvals.get(id)) return notFound(c, 'approval', id);
    const body = approveBody.parse(await c.req.json());
    return c.json({ approval: approve(store, id, body.approver) });
  });
  app.post('/approvals/:id/deny', async (c) => {
    const id = c.req.param('id');
    if (!store.approvals.get(id)) return notFound(c, 'approval', id);
    const body = denyBody.parse(await c.req.json());
    return c.json({ approval: deny(store, id, body.approver, body.reason) });
  });

  app.get('/kill', (c) => c.json({ kill: killState(store) }));
  app.post('/kill', async (c) => {
    const body = killBody.parse(await c.req.json());
    const state = kill(store, body.session, body.by, body.reason);
    notifier.notify({
      type: 'guard.kill',
      session: body.session ?? '*',
      reason: body.reason ?? 'killed by a person',
      by: body.by,
    });
    return c.json({ kill: state });
  });
  app.post('/resume', async (c) => {
    const body = resumeBody.parse(await c.req.json());
    return c.json({ kill: resume(store, body.session, body.by) });
  });

  app.get('/audit', (c) => {
    const query = auditQuery.parse(c.req.query());
    store.audit.flush();
    return c.json({ entries: store.audit.entries(query), verification: verifyAudit(store) });
  });
  app.get('/audit/verify', (c) => {
    store.audit.flush();
    return c.json(verifyAudit(store));
  });
  app.get('/audit/export', (c) => {
    store.audit.flush();
    const lines = [...exportAudit(store)].map((line) => `${line}\n`).join('');
    return c.body(lines, 200, { 'content-type': 'application/x-ndjson' });
  });

  app.get('/incidents', (c) => c.json({ incidents: listIncidents(store) }));
  app.get('/incidents/:id', (c) => {
    const id = c.req.param('id');
    if (!listIncidents(store).some((incident) => incident.id === id))
      return notFound(c, 'incident', id);
    return c.json(readIncident(store, id));
  });

  app.notFound((c) =>
    c.json({ error: `no route ${c.req.method} ${new URL(c.req.url).pathname}` }, 404),
  );
  return app;
}

function notFound(c: Context, what: string, id: string) {
  return c.json({ error: `unknown ${what} '${id}'` }, 404);
}

function zodMessage(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`)
    .join('; ');
}
