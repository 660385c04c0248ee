import type { ComponentChildren } from 'preact';
import { outcome } from './format';

export function Outcome({ harmful, status }: { harmful: boolean | null; status: string }) {
  const text = outcome(harmful, status);
  return <span class={`badge badge-${text.replace(' ', '-')}`}>{text}</span>;
}

export function Loading({
  error,
  loading,
  children,
}: {
  error?: string | undefined;
  loading: boolean;
  children?: ComponentChildren;
}) {
  if (error)
    return (
      <p role="alert" class="error">
        {error}
      </p>
    );
  if (loading && !children) return <p aria-live="polite">Loading…</p>;
  return <>{children}</>;
}

/** A labelled <select> whose choice goes into the URL. */
export function Choice({
  label,
  value,
  options,
  onChange,
  empty = 'any',
}: {
  label: string;
  value: string;
  options: Array<string | [string, string]>;
  onChange: (value: string) => void;
  /** What the empty choice says. */
  empty?: string;
}) {
  return (
    <label class="field">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange((e.target as HTMLSelectElement).value)}>
        <option value="">{empty}</option>
        {options.map((o) => {
          const [v, text] = Array.isArray(o) ? o : [o, o];
          return (
            <option key={v} value={v}>
              {text}
            </option>
          );
        })}
      </select>
    </label>
  );
}
