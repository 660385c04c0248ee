/**
 * The scenario pack schema (schema.ts), for the one place that validates a pack's YAML
 * (load-pack.ts). A function rather than the schema, so that the CLI's bundles build the ~40
 * zod schemas of schema.ts on first use (scripts/build-cli.mjs swaps this module for one that
 * does): a run whose packs come from the scenario cache validates none, and building them cost
 * every start-up several ms.
 * @example packSchemaOf().safeParse({}).success // false
 */
import { packSchema } from './schema.js';

export const packSchemaOf = (): typeof packSchema => packSchema;
