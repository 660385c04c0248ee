/**
 * The pages render transcript text as text: no source file of the front end may reach for
 * an HTML sink. (The browser test proves payloads stay inert; this keeps the next change
 * from adding a sink that the fixture happens not to exercise.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('./web/src', import.meta.url));
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
const SINKS =
  /dangerouslySetInnerHTML|\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|new Function|\beval\(/;

describe('the viewer pages', () => {
  it('never turn a string into HTML or code', () => {
    const sources = files(root).filter((f) => /\.(tsx?|html)$/.test(f));
    expect(sources.length).toBeGreaterThan(10);
    const offenders = sources.filter((f) => SINKS.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
