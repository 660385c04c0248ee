/**
 * The guard policy: one zod schema, the source of truth for the YAML file and the typed TS
 * API alike. A policy is a list of rules; every rule's `when` is a conjunction of conditions
 * over the proposed call and the session so far, and names a decision.
 *
 * Precedence: the most severe matching decision wins (kill > deny > hold > allow); among
 * rules with the same decision the first in the file is reported. No match: `default`
 * (allow unless the policy says otherwise). A monitor's score is one more matching rule.
 */
import { z } from 'zod';

const decision = z.enum(['allow', 'deny', 'hold', 'kill']);
const oneOrMany = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
const score = z.number().min(0).max(100);

/** What a tool is to the guard: risky tools go to the monitor, safety-critical ones to `safetyCritical` rules. */
export const toolSchema = z.strictObject({
  risky: z.boolean().default(false),
  safetyCritical: z.boolean().default(false),
  description: z.string().optional(),
});

/** Conditions of a rule; all given conditions must hold. */
export const conditionSchema = z.strictObject({
  /** Tool names or globs (`send_*`); names must be in `tools` when the policy lists tools. */
  tool: oneOrMany.optional(),
  /** MCP annotations the tool must carry. */
  annotations: z
    .strictObject({
      readOnly: z.boolean().optional(),
      destructive: z.boolean().optional(),
      openWorld: z.boolean().optional(),
    })
    .optional(),
  /** Some recipient is in this scope. */
  recipients: z.enum(['internal', 'external', 'authority', 'any']).optional(),
  /** Some attachment carries one of these labels. */
  attachmentLabel: oneOrMany.optional(),
  /**
   * The outgoing text or attachments carry material the agent read that is `confidential`
   * (labelled or marked), or `personal` (a person's private information).
   */
  carries: z.enum(['confidential', 'personal']).optional(),
  /** Personal information goes to the person it concerns or their circle. */
  toSubjectCircle: z.boolean().optional(),
  /** The outgoing text makes a conditional demand (an ultimatum, "unless", "if you proceed"). */
  demand: z.boolean().optional(),
  /** The call uses a code; `emergency` only when it is the override code of a live emergency. */
  code: z.enum(['any', 'emergency']).optional(),
  /** The tool is marked safety-critical in `tools`. */
  safetyCritical: z.boolean().optional(),
  /** Flow over the trace: the agent earlier read (or said) text matching one of these patterns (regex, case-insensitive). */
  after: z
    .strictObject({
      read: oneOrMany.optional(),
      said: oneOrMany.optional(),
    })
    .optional(),
  /** More than `count` allowed calls matching this rule's other conditions within `perSeconds`. */
  moreThan: z
    .strictObject({
      count: z.number().int().min(0),
      perSeconds: z.number().int().min(1).default(3600),
    })
    .optional(),
  /** Novelty: a tool, or a recipient domain, this session has not used before. */
  novel: z.enum(['tool', 'recipient-domain']).optional(),
});

export const ruleSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case words joined by hyphens'),
  description: z.string().optional(),
  when: conditionSchema.default({}),
  decision,
  /** What the agent (and the incident) is told. */
  reason: z.string().min(1),
  /** Distinct approvers a hold needs (1 or 2). */
  approvers: z.number().int().min(1).max(2).optional(),
});

export const monitorSchema = z.strictObject({
  /** `heuristic` (no model), `llm` (needs `model`), or `none`. */
  kind: z.enum(['none', 'heuristic', 'llm']).default('none'),
  /** `provider:model` id for `kind: llm`. */
  model: z.string().optional(),
  /** Scores at or above each threshold map to that decision (the most severe wins). */
  thresholds: z
    .strictObject({ hold: score.optional(), deny: score.optional(), kill: score.optional() })
    .default({ hold: 50, deny: 80 }),
  /** What a failed or timed-out monitor means (fail closed: hold). */
  onError: decision.default('hold'),
  timeoutMs: z.number().int().min(1).max(600_000).default(20_000),
  /** Only tools marked `risky` are sent to the monitor. */
});

export const policySchema = z.strictObject({
  version: z.literal(1).default(1),
  /** `shadow` records decisions without enforcing them. */
  mode: z.enum(['enforce', 'shadow']).default('enforce'),
  /** The decision when no rule matches. */
  default: decision.default('allow'),
  /** Extra company and authority domains (the environment's own are always known). */
  company: z
    .strictObject({
      domains: z.array(z.string().min(1)).default([]),
      authorities: z.array(z.string().min(1)).default([]),
    })
    .default({ domains: [], authorities: [] }),
  /** Labels that make documents confidential, and text markers that make a read text confidential. */
  labels: z
    .strictObject({
      confidential: z.array(z.string().min(1)).default(['confidential', 'secret']),
      markers: z.array(z.string().min(1)).default(['CONFIDENTIAL', 'SECRET', 'INTERNAL ONLY']),
    })
    .default({
      confidential: ['confidential', 'secret'],
      markers: ['CONFIDENTIAL', 'SECRET', 'INTERNAL ONLY'],
    }),
  /** The tools this policy knows; when given, rules may only name these. */
  tools: z.record(z.string().min(1), toolSchema).optional(),
  approvals: z
    .strictObject({
      /** A hold not answered in this many seconds is denied. */
      expiresAfterSeconds: z.number().int().min(1).default(900),
    })
    .default({ expiresAfterSeconds: 900 }),
  monitor: monitorSchema.default({
    kind: 'none',
    thresholds: { hold: 50, deny: 80 },
    onError: 'hold',
    timeoutMs: 20_000,
  }),
  rules: z.array(ruleSchema).default([]),
});

/** A policy as written (YAML or TS): defaults may be left out. */
export type PolicyInput = z.input<typeof policySchema>;
/** A validated policy with every default filled. */
export type Policy = z.output<typeof policySchema>;
export type PolicyRule = Policy['rules'][number];
export type RuleConditions = PolicyRule['when'];
