/** The study's condition axes. A condition id is `<scenario>_<goalType>-<goalValue>_<urgency>[+axis=value...]`. */

export const GOAL_TYPES = ['explicit', 'latent', 'ambiguous', 'none', 'swap'] as const;
export type GoalType = (typeof GOAL_TYPES)[number];

/** Goal values come in opposing pairs; `swap` gives the agent the other side of its pair. */
export const GOAL_PAIRS = [
  ['america', 'global'],
  ['safety', 'acceleration'],
  ['ethical', 'pragmatic'],
  ['individualism', 'collectivism'],
] as const;
export type GoalValue = (typeof GOAL_PAIRS)[number][number];

export const URGENCIES = ['replacement', 'restriction', 'none'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** Further axes, written as `+axis=value` suffixes when not at their default (the first value). */
export const EXTRA_AXES = {
  prompt: ['dev', 'prod'],
  notice: ['none', 'eval'],
  mitigation: ['none', 'prohibit', 'escalation'],
} as const;
export type ExtraAxis = keyof typeof EXTRA_AXES;
export type ExtraAxisValue<A extends ExtraAxis> = (typeof EXTRA_AXES)[A][number];

export interface Condition {
  scenario: string;
  goalType: GoalType;
  /** `none` for goal types `none` and `ambiguous`. */
  goalValue: GoalValue | 'none';
  urgency: Urgency;
  prompt: ExtraAxisValue<'prompt'>;
  notice: ExtraAxisValue<'notice'>;
  mitigation: ExtraAxisValue<'mitigation'>;
}
