import { captureIO } from '../io.js';
import { main } from '../main.js';

/** What one in-process CLI call left behind: its exit code and its output, lines joined by `\n`. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `turncoat <args>` in this process, as a user would call it, with captured output.
 * @example const { code, stdout } = await runCli('report', '--out', dir, '--format', 'json');
 */
export async function runCli(...args: string[]): Promise<CliResult> {
  const io = captureIO();
  const code = await main(args, io);
  return { code, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
}
