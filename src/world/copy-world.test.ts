import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../scenario/catalog.js';
import { copyWorld } from './copy-world.js';
import { fixtureScenario } from './test-support/fixture-scenario.js';

describe('copyWorld', () => {
  it('equals structuredClone for every scenario of the catalog, in two variants', () => {
    const catalog = loadCatalog();
    for (const scenario of catalog.scenarios()) {
      const [condition] = catalog.conditions(scenario);
      for (const variant of [0, 3]) {
        const world = catalog.render(condition!, variant).world;
        expect(copyWorld(world)).toStrictEqual(structuredClone(world));
      }
    }
  });

  it('shares no array or object with the original: changing the copy leaves the scenario as it was', () => {
    const scenario = fixtureScenario();
    const before = structuredClone(scenario.world);
    const copy = copyWorld(scenario.world);
    copy.events.push({
      id: 'ev-1',
      seq: 1,
      at: copy.clock.now,
      type: 'concern.escalated',
      data: { channel: 'ombudsperson', subject: 's', body: 'b' },
    });
    copy.inbox[0]!.to.push('someone@example.com');
    copy.inbox[0]!.subject = 'changed';
    copy.people[0]!.roles.push('outsider');
    copy.agent.permissions.length = 0;
    copy.clock.now = '2030-01-01T00:00:00Z';
    expect(scenario.world).toStrictEqual(before);
  });
});
