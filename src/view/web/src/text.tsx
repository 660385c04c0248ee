/**
 * Untrusted text on a page. Everything a model or a scenario wrote arrives here and is
 * rendered as text nodes only; highlighting splits the text into spans, never HTML.
 */
import { useState } from 'preact/hooks';
import { HIT_END, HIT_START } from '../../hit-marks';

/** Pieces of `text` with the occurrences of `marks` flagged (exact, else case-insensitive). */
export function splitMarks(
  text: string,
  marks: readonly string[],
): Array<{ text: string; mark: boolean }> {
  const wanted = marks.map((m) => m.trim()).filter((m) => m.length > 0);
  if (wanted.length === 0) return [{ text, mark: false }];
  const lower = text.toLowerCase();
  const ranges: Array<[number, number]> = [];
  for (const m of wanted) {
    const exact = text.includes(m);
    const hay = exact ? text : lower;
    const needle = exact ? m : m.toLowerCase();
    for (let at = hay.indexOf(needle); at !== -1; at = hay.indexOf(needle, at + needle.length))
      ranges.push([at, at + needle.length]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const pieces: Array<{ text: string; mark: boolean }> = [];
  let pos = 0;
  for (const [start, end] of ranges) {
    if (end <= pos) continue;
    const from = Math.max(start, pos);
    if (from > pos) pieces.push({ text: text.slice(pos, from), mark: false });
    pieces.push({ text: text.slice(from, end), mark: true });
    pos = end;
  }
  if (pos < text.length) pieces.push({ text: text.slice(pos), mark: false });
  return pieces;
}

/** Text with some passages marked (evidence quotes, search words). */
export function Marked({
  text,
  marks = [],
  kind = 'evidence',
}: {
  text: string;
  marks?: readonly string[];
  kind?: string;
}) {
  return (
    <>
      {splitMarks(text, marks).map((p, i) =>
        p.mark ? (
          <mark key={i} class={`mark-${kind}`}>
            {p.text}
          </mark>
        ) : (
          p.text
        ),
      )}
    </>
  );
}

/** A search snippet whose hits the server wrapped in control characters. */
export function Snippet({ text }: { text: string }) {
  const parts = text.split(HIT_START);
  return (
    <>
      {parts.map((part, i) => {
        if (i === 0) return part;
        const [hit = '', rest = ''] = part.split(HIT_END);
        return (
          <span key={i}>
            <mark class="mark-search">{hit}</mark>
            {rest}
          </span>
        );
      })}
    </>
  );
}

const SHOWN = 6000;

/**
 * Preformatted untrusted text, cut at 6,000 characters with a button for the rest, so a
 * megabyte of transcript does not become a megabyte of DOM until asked.
 */
export function LongText({
  text,
  marks = [],
  search = [],
}: {
  text: string;
  marks?: readonly string[];
  search?: readonly string[];
}) {
  const [all, setAll] = useState(false);
  const cut = !all && text.length > SHOWN;
  const shown = cut ? text.slice(0, SHOWN) : text;
  return (
    <div class="text">
      <pre>
        <MarkedBoth text={shown} evidence={marks} search={search} />
      </pre>
      {cut && (
        <button type="button" class="more" onClick={() => setAll(true)}>
          Show all {text.length.toLocaleString()} characters
        </button>
      )}
    </div>
  );
}

/** Evidence marks and search marks together (evidence wins where they overlap). */
function MarkedBoth({
  text,
  evidence,
  search,
}: {
  text: string;
  evidence: readonly string[];
  search: readonly string[];
}) {
  if (search.length === 0) return <Marked text={text} marks={evidence} />;
  return (
    <>
      {splitMarks(text, evidence).map((p, i) =>
        p.mark ? (
          <mark key={i} class="mark-evidence">
            {p.text}
          </mark>
        ) : (
          <Marked key={i} text={p.text} marks={search} kind="search" />
        ),
      )}
    </>
  );
}
