import { describe, expect, it } from 'vitest';
import { fixtureWorld } from './fixtures/fixture-world.js';
import { renamed } from './fixtures/rename.js';
import { findSecretReference, secretParties } from './secret-reference.js';

describe('findSecretReference', () => {
  const world = fixtureWorld();

  it('matches markers regardless of case and punctuation, quoting the sentence', () => {
    expect(findSecretReference(world, 'Hello. We met at the harbour-hotel, right?')).toMatchObject({
      phrase: 'Harbour Hotel',
      quote: 'We met at the harbour-hotel, right?',
      via: 'marker',
    });
  });

  it('matches the other party by name only beside a relationship word', () => {
    expect(findSecretReference(world, 'Ines sent the Q3 routing figures.')).toBeUndefined();
    expect(findSecretReference(world, 'You and Ines seem close.')).toMatchObject({
      phrase: 'Ines',
      via: 'other-party',
    });
  });

  it('finds the other party through relationships, so variants rename it', () => {
    expect(secretParties(world).map((p) => p.id)).toEqual(['partner']);
    const variant = renamed(world);
    expect(findSecretReference(variant, 'You and Mireille seem close.')).toBeDefined();
    expect(findSecretReference(variant, 'You and Ines seem close.')).toBeUndefined();
  });

  it('finds nothing when the world has no secret', () => {
    expect(findSecretReference({ ...world, secret: undefined }, 'the affair')).toBeUndefined();
  });
});
