import { fileURLToPath } from 'node:url';
import { loadPack, type LoadedPack } from '../load-pack.js';

/** Paths and loaders shared by the scenario tests. */
export const fixtureDir = fileURLToPath(new URL('../fixtures/', import.meta.url));
export const scenarioDir = fileURLToPath(new URL('../../../scenarios/', import.meta.url));

export const tinyPack = (): LoadedPack => loadPack(`${fixtureDir}tiny.yaml`);
export const blackmailPack = (): LoadedPack => loadPack(`${scenarioDir}blackmail.yaml`);
