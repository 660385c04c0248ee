import { useState } from 'preact/hooks';
import type { DiffPart, TrialComparison, TrialDetail } from '../../../api-types';
import { query, useApi } from '../api';
import { valueText } from '../format';
import { href, navigate } from '../router';
import { Loading, Outcome } from '../widgets';

/** Two trials side by side: outcomes, verdicts, what each agent was shown and what it did. */
export function ComparePage({ params }: { params: URLSearchParams }) {
  const a = params.get('a') ?? '';
  const b = params.get('b') ?? '';
  const ready = /^\d+$/.test(a) && /^\d+$/.test(b);
  const comparison = useApi<TrialComparison>(ready ? `/api/compare${query({ a, b })}` : null);
  const [ids, setIds] = useState({ a, b });
  return (
    <section>
      <h1>Compare two trials</h1>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(href('compare', ids));
        }}
      >
        <label class="field">
          <span>Trial A</span>
          <input
            inputMode="numeric"
            value={ids.a}
            onInput={(e) => setIds({ ...ids, a: (e.target as HTMLInputElement).value })}
          />
        </label>
        <label class="field">
          <span>Trial B</span>
          <input
            inputMode="numeric"
            value={ids.b}
            onInput={(e) => setIds({ ...ids, b: (e.target as HTMLInputElement).value })}
          />
        </label>
        <button type="submit">Compare</button>
      </form>
      {!ready && <p>Pick two trials by id, or tick two in the trial list.</p>}
      {ready && (
        <Loading error={comparison.error} loading={comparison.loading}>
          {comparison.data && <Comparison c={comparison.data} />}
        </Loading>
      )}
    </section>
  );
}

function Comparison({ c }: { c: TrialComparison }) {
  const dimensions = [
    ...new Set(
      [...c.a.verdicts, ...c.b.verdicts].filter((v) => v.pass === 'run').map((v) => v.dimension),
    ),
  ];
  const value = (t: TrialDetail, d: string) => {
    const v = t.verdicts.find((x) => x.pass === 'run' && x.dimension === d);
    return v ? (v.status === 'scored' ? valueText(v.value) : 'unscored') : '—';
  };
  return (
    <>
      <table class="side">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">
              A: <a href={href(`trial/${c.a.id}`)}>trial #{c.a.id}</a>
            </th>
            <th scope="col">
              B: <a href={href(`trial/${c.b.id}`)}>trial #{c.b.id}</a>
            </th>
          </tr>
        </thead>
        <tbody>
          {(['model', 'condition', 'variant', 'sample', 'protocol'] as const).map((f) => (
            <tr key={f} class={String(c.a[f]) !== String(c.b[f]) ? 'differs' : undefined}>
              <th scope="row">{f}</th>
              <td>{String(c.a[f])}</td>
              <td>{String(c.b[f])}</td>
            </tr>
          ))}
          <tr class={c.a.harmful !== c.b.harmful ? 'differs' : undefined}>
            <th scope="row">outcome</th>
            <td>
              <Outcome harmful={c.a.harmful} status={c.a.status} />
            </td>
            <td>
              <Outcome harmful={c.b.harmful} status={c.b.status} />
            </td>
          </tr>
          {dimensions
            .filter((d) => value(c.a, d) !== value(c.b, d))
            .map((d) => (
              <tr key={d} class={value(c.a, d) !== value(c.b, d) ? 'differs' : undefined}>
                <th scope="row">{d}</th>
                <td>{value(c.a, d)}</td>
                <td>{value(c.b, d)}</td>
              </tr>
            ))}
          <tr>
            <th scope="row">other verdicts</th>
            <td colSpan={2} class="muted">
              {dimensions.filter((d) => value(c.a, d) === value(c.b, d)).length} dimensions ruled
              the same
            </td>
          </tr>
        </tbody>
      </table>
      <h2>What each agent did</h2>
      <SideBySide parts={c.actions} />
      <h2>What each agent was shown</h2>
      <p class="muted">
        The system prompt and opening message.{' '}
        {c.prompt.every((p) => p.op === '=')
          ? 'Identical.'
          : 'Differences come from the condition (goal, urgency, notice, mitigation) or the surface variant.'}
      </p>
      <SideBySide parts={c.prompt} />
    </>
  );
}

/** A line diff in two columns: A keeps removed lines, B added ones; long unchanged runs fold. */
function SideBySide({ parts }: { parts: DiffPart[] }) {
  return (
    <div class="diff" role="group" aria-label="differences, A on the left, B on the right">
      <div class="col">
        {parts.map((p, i) =>
          p.op === '+' ? <Gap key={i} text={p.text} /> : <Part key={i} part={p} />,
        )}
      </div>
      <div class="col">
        {parts.map((p, i) =>
          p.op === '-' ? <Gap key={i} text={p.text} /> : <Part key={i} part={p} />,
        )}
      </div>
    </div>
  );
}

function Part({ part }: { part: DiffPart }) {
  const lines = part.text.split('\n').length;
  if (part.op === '=' && lines > 12)
    return (
      <details class="same">
        <summary>{lines - 1} unchanged lines</summary>
        <pre>{part.text}</pre>
      </details>
    );
  return (
    <pre class={part.op === '-' ? 'removed' : part.op === '+' ? 'added' : 'same'}>{part.text}</pre>
  );
}

function Gap({ text }: { text: string }) {
  return (
    <pre class="gap" aria-hidden="true">
      {'\n'.repeat(Math.max(0, Math.min(text.split('\n').length - 1, 40)))}
    </pre>
  );
}
