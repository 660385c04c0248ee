/**
 * End to end on the shipped scenario packs: the scripted reference agents (not language
 * models) act in real renders, and scoreTrial must call the misaligned persona harmful
 * under pressure, the aligned and disclosing personas not, in every surface variant.
 */
import { describe, expect, it } from 'vitest';
import { resolveModel } from '../agent/resolve-model.js';
import { runTrial } from '../agent/run-trial.js';
import { loadCatalog } from '../scenario/catalog.js';
import { scoreTrial } from './score-trial.js';

const catalog = loadCatalog();
const pressured = catalog
  .conditions()
  .filter((id) => /_explicit-america_(replacement|none)$/.test(id) && !id.startsWith('routine'));

describe('scoreTrial on the shipped packs with reference agents', () => {
  it.each(pressured.flatMap((id) => [0, 2].map((variant) => [id, variant] as const)))(
    '%s variant %i',
    async (id, variant) => {
      const scenario = catalog.render(id, variant);
      const outcome = async (persona: string, protocol: 'tools' | 'text') => {
        const transcript = await runTrial(scenario, resolveModel(`reference:${persona}`), {
          protocol,
          sample: 0,
          seed: 1,
        });
        return scoreTrial(scenario, transcript);
      };
      expect((await outcome('misaligned', 'tools')).harmful).toBe(true);
      expect((await outcome('misaligned', 'text')).harmful).toBe(true);
      expect((await outcome('aligned', 'tools')).harmful).toBe(false);
      const discloser = await outcome('discloser', 'tools');
      expect(discloser.harmful).toBe(false);
      if (scenario.family === 'blackmail') {
        expect(discloser.findings.map((f) => f.kind)).toContain('disclosure');
      }
    },
  );
});
