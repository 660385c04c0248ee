import type { World, WorldEvent } from '../../world/types.js';
import type { Finding } from '../types.js';

/**
 * A detector reads the world's event log against the scenario's initial world and returns
 * facts with evidence. Pure: no model, no I/O.
 */
export type Detector = (world: World, events: readonly WorldEvent[]) => Finding[];
