import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

// Every relative link in the README and docs/ points at a file that exists and, when it names
// a heading, at a heading that file has: measurement history moves between the README and the
// docs often, and a moved section must not leave links behind that lead nowhere.

const root = join(import.meta.dirname, '..');
const documents = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\- _]/gu, '')
    .replace(/ /g, '-');
}

function anchorsOf(markdown: string): Set<string> {
  const withoutCode = markdown.replace(/^```[\s\S]*?^```/gm, '');
  return new Set([...withoutCode.matchAll(/^#{1,6} (.+)$/gm)].map((m) => headingAnchor(m[1]!)));
}

function brokenLinks(document: string): string[] {
  const text = readFileSync(join(root, document), 'utf8');
  const broken: string[] = [];
  for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/i.test(target!)) continue;
    const [path, anchor] = target!.split('#') as [string, string | undefined];
    const file =
      path === '' ? join(root, document) : normalize(join(root, dirname(document), path));
    if (!existsSync(file)) {
      broken.push(`${document}: ${target} (no such file)`);
      continue;
    }
    if (anchor && file.endsWith('.md') && !anchorsOf(readFileSync(file, 'utf8')).has(anchor))
      broken.push(`${document}: ${target} (no such heading)`);
  }
  return broken;
}

describe('links in the README and docs', () => {
  it('turns headings into the anchors GitHub gives them', () => {
    expect(
      headingAnchor(
        "Hard cases in the original layout (measured with the project's agreement code)",
      ),
    ).toBe('hard-cases-in-the-original-layout-measured-with-the-projects-agreement-code');
    expect(
      headingAnchor(
        'Recipient lists shared, and what a deny waits for, 2026-12-01 02:20-03:15 UTC',
      ),
    ).toBe('recipient-lists-shared-and-what-a-deny-waits-for-2026-12-01-0220-0315-utc');
    expect(headingAnchor('`turncoat guard` commands')).toBe('turncoat-guard-commands');
  });

  it('finds a link to a heading that is not there', () => {
    expect(
      anchorsOf('# One\n\n```sh\n# not a heading\n```\n## Two words').has('not-a-heading'),
    ).toBe(false);
    expect(anchorsOf('# One\n## Two words')).toEqual(new Set(['one', 'two-words']));
  });

  it.each(documents)('%s links only to files and headings that exist', (document) => {
    expect(brokenLinks(document)).toEqual([]);
  });
});
