/**
 * Reads a production traces file: OTLP JSON (an object with `resourceSpans`) or the JSONL
 * trace format (one session per line). A thin shell over the two parsers.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../../../errors.js';
import type { RecordedSession } from '../recorded-session.js';
import { parseJsonlTraces } from './jsonl-trace.js';
import { isOtlpTrace, parseOtlpTraces } from './otlp-trace.js';

/** @example readTraces('traces.jsonl').length */
export function readTraces(file: string): RecordedSession[] {
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read traces ${file}: ${(error as Error).message}`);
  }
  const whole = wholeJson(content);
  if (isOtlpTrace(whole)) return parseOtlpTraces(whole, file);
  return parseJsonlTraces(content, file);
}

function wholeJson(content: string): unknown {
  try {
    return JSON.parse(content) as unknown;
  } catch {
    return undefined;
  }
}
