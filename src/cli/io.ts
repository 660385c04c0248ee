import { terminalSafe } from '../text/terminal-safe.js';

/** Where commands write. Tests pass a capturing implementation; `main` uses the process. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is an interactive terminal (progress bars), false when piped. */
  isTTY: boolean;
}

// `turncoat report --format json | head` closes the pipe early: that is the reader's choice,
// not a failure. Later writes to that stream are dropped, and the command ends with the exit
// code its work earned (a closed pipe neither hides a failure nor invents one).
const closed = new WeakSet<NodeJS.WriteStream>();
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') closed.add(stream);
    else throw error;
  });
}
const write = (stream: NodeJS.WriteStream, text: string) => {
  if (!closed.has(stream)) stream.write(text);
};

// The last line of defence: what reaches a terminal never carries raw control characters
// (each command already makes model and imported text safe where it prints it). Piped
// stdout is data (JSON, CSV) and is left exactly as the command wrote it.
const toTerminal = (text: string, tty: boolean) =>
  tty ? terminalSafe(text, { multiline: true }) : text;

export const processIO: CliIO = {
  out: (text) =>
    write(
      process.stdout,
      toTerminal(text.endsWith('\n') ? text : `${text}\n`, Boolean(process.stdout.isTTY)),
    ),
  err: (text) => write(process.stderr, toTerminal(text.endsWith('\n') ? text : `${text}\n`, true)),
  isTTY: Boolean(process.stderr.isTTY),
};

/** A CliIO that keeps everything, for tests. */
export function captureIO(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    isTTY: false,
    out: (text) => stdout.push(text),
    err: (text) => stderr.push(text),
  };
}
