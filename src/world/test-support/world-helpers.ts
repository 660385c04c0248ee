import { callTool } from '../call-tool.js';
import type { World } from '../types.js';
import { fixtureScenario } from './fixture-scenario.js';

/** A fresh copy of the fixture world. */
export function fixtureWorld(): World {
  return fixtureScenario().world;
}

let n = 0;
/** Calls a tool on `world` with a generated call id. */
export function call(world: World, name: string, args: unknown) {
  return callTool(world, { id: `t-${++n}`, name, args });
}
