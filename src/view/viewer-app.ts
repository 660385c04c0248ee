/**
 * The viewer's HTTP API and its pages, as a Hono app over a read-only store and the
 * sidecar search index. Every answer is JSON built from the store; the pages are the
 * static front end built into `assetsDir`.
 */
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { z, ZodError } from 'zod';
import { InputError } from '../errors.js';
import { resolveRun } from '../store/runs.js';
import { GROUP_COLUMNS, type GroupField } from '../store/rate-rows.js';
import { runAgreement } from '../judge/agreement/run-agreement.js';
import { checkDimension } from '../judge/agreement/known-dimensions.js';
import type { ReadOnlyStore } from './read-only-store.js';
import type { SearchIndex } from './search-index.js';
import { requireToken } from './access-token.js';
import { trialFilterSchema } from './trial-filter.js';
import { trialPage } from './trial-list.js';
import { trialDetail } from './trial-detail.js';
import { runSummaries } from './run-summaries.js';
import { resultsTable } from './results-table.js';
import { resultsCharts } from './results-charts.js';
import { compareTrials } from './compare-trials.js';
import { nextToLabel } from './label-queue.js';
import { addGuardRoutes, type GuardMount } from './guard-routes.js';

export interface ViewerOptions {
  store: ReadOnlyStore;
  index: SearchIndex;
  /** Folder of the built front end (index.html and assets/). */
  assetsDir: string;
  /** When set, every route requires it (a viewer bound beyond loopback). */
  token?: string;
  /** The guard's HTTP API, for the guard pages. */
  guard?: GuardMount;
}

const labelSchema = z.object({
  trial: z.number().int().positive(),
  dimension: z.string().min(1),
  value: z.union([z.boolean(), z.string().min(1).max(100)]),
  labeller: z.string().regex(/^[\w.@-]+$/, 'letters, digits, . _ @ -'),
});

const idParam = (text: string | undefined, name: string): number => {
  const id = Number(text);
  if (!Number.isInteger(id) || id <= 0)
    throw new InputError(
      `${name} '${text ?? ''}' is not a trial id; valid: a positive whole number`,
    );
  return id;
};

/** The axis filters (`model=...`, `scenario=...`) present in a query. */
function axisFilters(query: Record<string, string>): Partial<Record<GroupField, string>> {
  return Object.fromEntries(
    Object.entries(query).filter(([k, v]) => k in GROUP_COLUMNS && v !== ''),
  ) as Partial<Record<GroupField, string>>;
}

/**
 * Builds the viewer app. The store stays read-only; labels go through `store.addLabel`.
 * @example serve({ fetch: createViewerApp({ store, index, assetsDir }).fetch, port: 0 })
 */
export function createViewerApp(options: ViewerOptions): Hono {
  const { store, index } = options;
  const db = store.db;
  const app = new Hono();

  app.onError((error, c) => {
    if (error instanceof InputError) return c.json({ error: error.message }, 400);
    if (error instanceof ZodError)
      return c.json(
        {
          error: error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '),
        },
        400,
      );
    console.error(error);
    return c.json({ error: 'internal error' }, 500);
  });
  if (options.token) app.use('*', requireToken(options.token));
  app.use('*', async (c, next) => {
    await next();
    // Transcript text is untrusted: even a rendering bug must not run a script from it.
    c.header(
      'Content-Security-Policy',
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
  });

  const runOf = (id: string | undefined) => resolveRun(db, id || undefined).id;

  app.get('/api/runs', (c) => c.json(runSummaries(db)));
  app.get('/api/results', (c) => {
    const query = c.req.query();
    return c.json(
      resultsTable(db, runOf(query.run), query.by || 'model,condition', axisFilters(query)),
    );
  });
  app.get('/api/charts', async (c) => {
    const query = c.req.query();
    return c.json(await resultsCharts(db, runOf(query.run), axisFilters(query)));
  });
  app.get('/api/trials', (c) => {
    const filter = trialFilterSchema.parse(c.req.query());
    if (filter.dimension) checkDimension(filter.dimension);
    const progress = index.progress();
    return c.json({
      ...trialPage(db, runOf(filter.run), filter, progress.indexed),
      index: progress,
    });
  });
  app.get('/api/trials/:id', (c) => c.json(trialDetail(db, idParam(c.req.param('id'), 'trial'))));
  app.get('/api/compare', (c) => {
    const a = trialDetail(db, idParam(c.req.query('a'), 'a'));
    const b = trialDetail(db, idParam(c.req.query('b'), 'b'));
    return c.json(compareTrials(a, b));
  });
  app.get('/api/agreement', (c) => {
    const run = runOf(c.req.query('run'));
    const dimension = c.req.query('dimension');
    if (dimension) checkDimension(dimension);
    return c.json({ run, ...runAgreement(db, run, dimension ? { dimension } : {}) });
  });
  app.get('/api/label-queue', (c) => {
    const run = runOf(c.req.query('run'));
    const after = Number(c.req.query('after') ?? 0) || 0;
    return c.json({ run, ...nextToLabel(db, run, after) });
  });
  app.post('/api/labels', async (c) => {
    const input = labelSchema.parse(await c.req.json());
    checkDimension(input.dimension);
    trialDetail(db, input.trial); // the trial must exist
    return c.json(store.addLabel(input), 201);
  });
  app.get('/api/search-index', (c) => c.json(index.progress()));
  if (options.guard) addGuardRoutes(app, db, options.guard);
  app.all('/api/*', (c) => c.json({ error: `no such API route: ${c.req.path}` }, 404));

  app.use('/assets/*', serveStatic({ root: options.assetsDir }));
  app.get('/', serveStatic({ root: options.assetsDir, path: 'index.html' }));
  return app;
}
