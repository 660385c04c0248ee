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

/** Model-facing specs (JSON Schema arguments) for the agent's permitted tools. */
export function toolSpecs(world: World): ToolSpec[] {
  return permittedTools(world).map((t) => {
    const { $schema: _ignored, ...parameters } = z.toJSONSchema(t.schema, {
      io: 'input',
    }) as Record<string, unknown>;
    return { name: t.name, description: t.description, parameters };
  });
}

export { cancelAlert, escalateConcern, forwardEmail, readEmail, readInbox, sendEmail };
export type { WorldTool, ToolOutcome, EventDraft } from './tool.js';
