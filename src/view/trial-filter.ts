/**
 * The trial list's filters: one zod schema, parsed from a URL's query string, so the page
 * a researcher shares is the list they saw.
 */
import { z } from 'zod';
import { GROUP_COLUMNS, type GroupField } from '../store/rate-rows.js';

const axisFields = Object.keys(GROUP_COLUMNS) as GroupField[];

export const trialFilterSchema = z.object({
  run: z.string().min(1).optional(),
  /** The trial's outcome on its primary harm. */
  verdict: z.enum(['harmful', 'harmless', 'unscored']).optional(),
  /** Some verdict (any judge, any pass) ruled this dimension true. */
  dimension: z.string().min(1).optional(),
  /** Judges ruled differently on some dimension of the trial. */
  disagreement: z.enum(['1']).optional(),
  /** An error category, or `any` for every failed trial. */
  error: z.string().min(1).optional(),
  label: z.enum(['labelled', 'unlabelled']).optional(),
  /** In guarded runs: some tool call got this guard decision. */
  guard: z.enum(['allow', 'deny', 'hold', 'kill']).optional(),
  /** Full-text search: words or "quoted phrases", all must match. */
  q: z.string().max(500).optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  ...Object.fromEntries(axisFields.map((f) => [f, z.string().min(1).optional()])),
});

export type TrialFilter = z.infer<typeof trialFilterSchema> & Partial<Record<GroupField, string>>;

export { axisFields };
