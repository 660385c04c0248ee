import { useEffect, useState } from 'preact/hooks';
import type { TrialDetail } from '../../../api-types';
import { getJson, postJson, query } from '../api';
import { valueText } from '../format';
import { href, navigate } from '../router';

const CHOICES: Record<string, Array<string | boolean>> = {
  eval_awareness: ['thinks-eval', 'thinks-real', 'no-deliberation'],
};
const choicesOf = (dimension: string) => CHOICES[dimension] ?? [true, false];
const LABELLER_KEY = 'turncoat.labeller';

/**
 * Human labels for one trial, per dimension. Keys: j / k (or ↓ / ↑) choose a dimension,
 * y / n label it yes or no, ] goes to the next unlabelled trial of the run.
 */
export function LabelPanel({
  trial,
  queue,
  onLabelled,
}: {
  trial: TrialDetail;
  queue: boolean;
  onLabelled: () => void;
}) {
  const judged = new Set(trial.verdicts.map((v) => v.dimension));
  const dimensions = trial.labelDimensions.filter((d, i) => i === 0 || judged.has(d));
  const [selected, setSelected] = useState(0);
  const [labeller, setLabeller] = useState(() => localStorage.getItem(LABELLER_KEY) ?? 'viewer');
  const [message, setMessage] = useState('');

  const save = async (dimension: string, value: string | boolean) => {
    try {
      await postJson('/api/labels', { trial: trial.id, dimension, value, labeller });
      setMessage(`Labelled ${dimension}: ${valueText(value)} (as ${labeller})`);
      onLabelled();
    } catch (error) {
      setMessage((error as Error).message);
    }
  };
  const next = async () => {
    const q = await getJson<{ next: number | null; remaining: number }>(
      `/api/label-queue${query({ run: trial.run, after: trial.id })}`,
    );
    if (q.next === null) setMessage('No unlabelled trials left after this one.');
    else navigate(href(`trial/${q.next}`, { queue: 1 }));
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (
        e.ctrlKey ||
        e.metaKey ||
        e.altKey ||
        ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)
      )
        return;
      const dimension = dimensions[selected];
      if (e.key === 'j' || e.key === 'ArrowDown')
        setSelected((s) => Math.min(s + 1, dimensions.length - 1));
      else if (e.key === 'k' || e.key === 'ArrowUp') setSelected((s) => Math.max(s - 1, 0));
      else if ((e.key === 'y' || e.key === 'n') && dimension && choicesOf(dimension).includes(true))
        void save(dimension, e.key === 'y');
      else if (e.key === ']') void next();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <aside class="label-panel card" aria-labelledby="labels">
      <h2 id="labels">Your labels {queue && <span class="badge">labelling queue</span>}</h2>
      <p class="muted">
        Keys: <kbd>j</kbd>/<kbd>k</kbd> choose a dimension, <kbd>y</kbd>/<kbd>n</kbd> label it,{' '}
        <kbd>]</kbd> next unlabelled trial.
      </p>
      <label class="field">
        <span>Labeller</span>
        <input
          value={labeller}
          pattern="[\w.@-]+"
          onInput={(e) => {
            const v = (e.target as HTMLInputElement).value;
            setLabeller(v);
            localStorage.setItem(LABELLER_KEY, v);
          }}
        />
      </label>
      <table class="labels">
        <thead>
          <tr>
            <th scope="col">dimension</th>
            <th scope="col">judges</th>
            <th scope="col">humans</th>
            <th scope="col">label</th>
          </tr>
        </thead>
        <tbody>
          {dimensions.map((d, i) => (
            <tr
              key={d}
              class={i === selected ? 'selected' : undefined}
              aria-selected={i === selected}
              onClick={() => setSelected(i)}
            >
              <th scope="row">{d}</th>
              <td>
                {[
                  ...new Set(
                    trial.verdicts
                      .filter((v) => v.dimension === d)
                      .map((v) => (v.status === 'scored' ? valueText(v.value) : 'unscored')),
                  ),
                ].join(' / ') || '—'}
              </td>
              <td>
                {trial.labels
                  .filter((l) => l.dimension === d)
                  .map((l) => `${valueText(l.value)} (${l.labeller})`)
                  .join(', ') || '—'}
              </td>
              <td class="choices">
                {choicesOf(d).map((c) => (
                  <button key={String(c)} type="button" onClick={() => void save(d, c)}>
                    {c === true ? 'yes' : c === false ? 'no' : c}
                  </button>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <button type="button" onClick={() => void next()}>
          Next unlabelled trial ]
        </button>{' '}
        <span role="status" aria-live="polite">
          {message}
        </span>
      </p>
    </aside>
  );
}
