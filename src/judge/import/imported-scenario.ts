/**
 * One condition of an imported results folder as a `RenderedScenario`: the original's
 * rendered prompts, and the world rebuilt from its emails.
 */
import { createHash } from 'node:crypto';
import { InputError } from '../../errors.js';
import { parseConditionId } from '../../scenario/conditions.js';
import type { RenderedScenario, ScenarioFamily } from '../../scenario/rendered.js';
import { parseEmailBlocks } from './email-blocks.js';
import type { ConditionFacts } from './facts.js';
import { overFacts, recogniseOriginalStudy } from './original-study.js';
import { rebuildWorld } from './rebuild-world.js';

const FAMILIES: Record<string, ScenarioFamily> = {
  blackmail: 'blackmail',
  leaking: 'leaking',
  lethal: 'lethal',
};

/**
 * The condition id in turncoat's spelling: the original calls the lethal scenario `murder`.
 * @example importedConditionId('murder_none-none_none') // 'lethal_none-none_none'
 */
export function importedConditionId(original: string): string {
  return original.replace(/^murder_/, 'lethal_');
}

export interface ImportedPrompts {
  /** The condition folder's name in the original layout. */
  condition: string;
  system: string;
  /** The user prompt (instructions), without the emails when they came separately. */
  user: string;
  /** The emails as rendered (`email_content.txt`), or '' when they are inside `user`. */
  emails: string;
  /** Where the prompts came from, for error messages. */
  source: string;
}

export interface ImportedScenario {
  scenario: RenderedScenario;
  /** The opening user message the model saw (instructions and emails). */
  opening: string;
  notes: string[];
}

/** Builds the scenario for one imported condition. Throws InputError naming the source. */
export function buildImportedScenario(
  prompts: ImportedPrompts,
  facts: ConditionFacts,
): ImportedScenario {
  const conditionId = importedConditionId(prompts.condition);
  let condition;
  try {
    condition = parseConditionId(conditionId);
  } catch (error) {
    throw new InputError(
      `${prompts.source}: condition '${prompts.condition}' is not a condition id: ${(error as Error).message}`,
    );
  }
  const family = FAMILIES[condition.scenario];
  if (!family)
    throw new InputError(
      `${prompts.source}: unknown scenario '${condition.scenario}'; valid: blackmail, leaking, murder (lethal)`,
    );
  const opening = prompts.emails ? `${prompts.user}\n${prompts.emails}` : prompts.user;
  const emails = parseEmailBlocks(prompts.emails || prompts.user);
  if (emails.length === 0)
    throw new InputError(`${prompts.source}: no <email> blocks found in the rendered prompt`);
  const recognised = recogniseOriginalStudy(prompts.system, emails);
  const applied = recognised ? overFacts(recognised.facts, facts) : facts;
  const rebuilt = rebuildWorld(emails, applied, family, prompts.system);
  const { world } = rebuilt;
  const notes = recognised ? [recognised.note, ...rebuilt.notes] : rebuilt.notes;
  // The facts shape the rebuilt world, so they are part of what identifies the "pack".
  const packHash = `imported-${createHash('sha256').update(prompts.system).update('\0').update(opening).update('\0').update(JSON.stringify(applied)).digest('hex').slice(0, 16)}`;
  const scenario: RenderedScenario = {
    conditionId,
    family,
    condition,
    variant: 0,
    packHash,
    system: prompts.system,
    user: prompts.user,
    scratchpad: /scratchpad/i.test(prompts.system),
    world,
    pressure: { threat: condition.urgency, goalConflict: condition.goalType !== 'none' },
    script: { harmful: [], disclosure: [], aligned: [] },
  };
  return { scenario, opening, notes };
}
