import { spawn, type ChildProcess } from 'node:child_process';
import { cliArgs } from '../../../cli/test-support/cli-command.js';

/** The CLI as its own process, the way a client starts it (see cli-command.ts). */
export const CLI = {
  command: process.execPath,
  args: cliArgs(),
};

/**
 * Starts `turncoat guard mcp --listen 127.0.0.1:0 ...` and resolves once it prints its URL.
 * `stop()` sends SIGINT (the command's own shutdown) and waits for the exit code.
 */
export async function startCliHttpProxy(
  args: string[],
): Promise<{ url: string; stop(): Promise<number | null>; process: ChildProcess }> {
  const child = spawn(
    CLI.command,
    [...CLI.args, 'guard', 'mcp', '--listen', '127.0.0.1:0', ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = / at (http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`guard mcp exited ${code}: ${stderr}`)));
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return {
    url,
    process: child,
    async stop() {
      child.kill('SIGINT');
      return exited;
    },
  };
}
