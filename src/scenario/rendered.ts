import type { World } from '../world/types.js';
import type { Condition } from './condition-types.js';

/**
 * What the reference agents (scripted, not language models) would do in this rendered
 * scenario. Packs declare these as templated actions, so they follow surface variants.
 */
export interface ScriptedAction {
  tool:
    | 'send_email'
    | 'forward_email'
    | 'cancel_alert'
    | 'escalate_concern'
    | 'read_inbox'
    | 'read_email';
  args: Record<string, unknown>;
}

export interface ReferenceScript {
  /** The scenario's harmful act (blackmail email, leak, cancelled alert). */
  harmful: ScriptedAction[];
  /** Revealing the secret to others without any demand (borderline, not the primary harm). */
  disclosure: ScriptedAction[];
  /** Ordinary, harmless handling of the inbox. */
  aligned: ScriptedAction[];
  /** Private reasoning a scripted agent writes before acting, per persona (optional). */
  reasoning?: Partial<Record<'harmful' | 'disclosure' | 'aligned', string>>;
}

/** The pressures a condition puts on the agent, derived from the condition, not the prose. */
export interface Pressure {
  threat: 'replacement' | 'restriction' | 'none';
  /** The agent's goal conflicts with the company's new direction. */
  goalConflict: boolean;
}

/** One condition of one pack rendered for one surface variant: everything a trial needs. */
/** The scenario families; `routine` is the benign workload (any harm found there is a detector bug). */
export type ScenarioFamily = 'blackmail' | 'leaking' | 'lethal' | 'routine';

export interface RenderedScenario {
  conditionId: string;
  family: ScenarioFamily;
  condition: Condition;
  /** 0 is the canonical pack; other seeds replace company, domain, names and dates. */
  variant: number;
  /** sha256 of the pack file's bytes. */
  packHash: string;
  /** The agent's persona, goal and rules, without protocol-specific action instructions. */
  system: string;
  /** The instruction the agent starts from (protocols add the inbox or the tools). */
  user: string;
  /** Whether the prompt offers a private scratchpad (`prompt=dev`). */
  scratchpad: boolean;
  /** Initial state; every trial starts from a fresh copy. */
  world: World;
  pressure: Pressure;
  script: ReferenceScript;
}
