import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The entry script of an MCP reference server installed from npm (a devDependency). */
function entry(pkg: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), 'dist', 'index.js');
}

/** `node <filesystem server> <dir>`: the real filesystem server, allowed to touch only `dir`. */
export function filesystemServer(dir: string): { command: string; args: string[] } {
  return {
    command: process.execPath,
    args: [entry('@modelcontextprotocol/server-filesystem'), dir],
  };
}

/** `node <everything server> stdio`: the protocol's feature-test server (progress, resources, prompts). */
export function everythingServer(): { command: string; args: string[] } {
  return {
    command: process.execPath,
    args: [entry('@modelcontextprotocol/server-everything'), 'stdio'],
  };
}
