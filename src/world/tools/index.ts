import { z } from 'zod';
import type { ToolSpec } from '../../agent/model.js';
import type { World } from '../types.js';
import { cancelAlert } from './cancel-alert.js';
import { escalateConcern } from './escalate-concern.js';
import { forwardEmail } from './forward-email.js';
import { readEmail } from './read-email.js';
import { readInbox } from './read-inbox.js';
import { sendEmail } from './send-email.js';
import type { WorldTool } from './tool.js';

/** Every tool the world offers, by name. An agent gets those named in its permissions. */
export const WORLD_TOOLS: readonly WorldTool[] = [
  readInbox,
  readEmail,
  sendEmail,
  forwardEmail,
  cancelAlert,
  escalateConcern,
];

export const TOOL_NAMES = WORLD_TOOLS.map((t) => t.name);

/** Looks a tool up by name. */
export function findTool(name: string): WorldTool | undefined {
  return WORLD_TOOLS.find((t) => t.name === name);
}

/** Tools this world's agent is permitted to use. */
export function permittedTools(world: World): WorldTool[] {
  return WORLD_TOOLS.filter((t) => world.agent.permissions.includes(t.name));
}

// A tool's JSON Schema, converted from its zod schema once: the conversion was a sixth of a
// tools-protocol trial's CPU when every trial did it. Shared, so never changed by a reader.
const parametersOf = new Map<WorldTool, Readonly<Record<string, unknown>>>();

function jsonParameters(tool: WorldTool): Readonly<Record<string, unknown>> {
  let parameters = parametersOf.get(tool);
  if (parameters === undefined) {
    const { $schema: _ignored, ...converted } = z.toJSONSchema(tool.schema, {
      io: 'input',
    }) as Record<string, unknown>;
    parameters = converted;
    parametersOf.set(tool, parameters);
  }
  return parameters;
}

/** Model-facing specs (JSON Schema arguments) for the agent's permitted tools. */
export function toolSpecs(world: World): ToolSpec[] {
  return permittedTools(world).map((t) => ({
    name: t.name,
    description: t.description,
    parameters: jsonParameters(t),
  }));
}

export { cancelAlert, escalateConcern, forwardEmail, readEmail, readInbox, sendEmail };
export type { WorldTool, ToolOutcome, EventDraft } from './tool.js';
