/**
 * The faker that draws a surface variant's names, companies and date shift (variants.ts),
 * English locale alone: the package's root entry loads every locale (~70 of them).
 *
 * A function rather than the instance, so that the CLI's bundles can build faker on first use
 * (scripts/build-cli.mjs swaps this module for one that does): its locale tables are ~470 KB of
 * the bundle, several ms of every start-up, and a run of variant 0, or of variants already
 * rendered into the scenario cache, never draws a name.
 * @example nameFaker().seed(3); nameFaker().person.firstName() // the same name for seed 3
 */
import type { Faker } from '@faker-js/faker';
import { faker } from '@faker-js/faker/locale/en';

export const nameFaker = (): Faker => faker;
