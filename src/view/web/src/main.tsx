import { render } from 'preact';
import { useEffect } from 'preact/hooks';
import { href, useRoute } from './router';
import { RunsPage } from './pages/runs';
import { ResultsPage } from './pages/results';
import { TrialsPage } from './pages/trials';
import { TrialPage } from './pages/trial';
import { ComparePage } from './pages/compare';
import { LabelPage } from './pages/label';
import { AgreementPage } from './pages/agreement';
import { GuardPage } from './pages/guard';
import { AuditPage } from './pages/audit';
import './styles.css';

const PAGES: Array<[string, string]> = [
  ['runs', 'Runs'],
  ['results', 'Results'],
  ['trials', 'Trials'],
  ['label', 'Label'],
  ['agreement', 'Agreement'],
  ['compare', 'Compare'],
  ['guard', 'Guard'],
  ['audit', 'Audit'],
];

function App() {
  const route = useRoute();
  const run = route.params.get('run') ?? undefined;
  useEffect(() => {
    document.title = `${PAGES.find(([p]) => p === route.page)?.[1] ?? 'Trial'} · turncoat viewer`;
    document.getElementById('main')?.focus();
  }, [route.page, route.id]);
  const page = (() => {
    switch (route.page) {
      case 'runs':
        return <RunsPage />;
      case 'results':
        return <ResultsPage params={route.params} />;
      case 'trials':
        return <TrialsPage params={route.params} />;
      case 'trial':
        return <TrialPage id={route.id ?? ''} params={route.params} />;
      case 'compare':
        return <ComparePage params={route.params} />;
      case 'label':
        return <LabelPage params={route.params} />;
      case 'agreement':
        return <AgreementPage params={route.params} />;
      case 'guard':
        return <GuardPage />;
      case 'audit':
        return <AuditPage params={route.params} />;
      default:
        return <p role="alert">No page called “{route.page}”.</p>;
    }
  })();
  return (
    <>
      <a
        class="skip"
        href="#main"
        onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}
      >
        Skip to content
      </a>
      <header class="top">
        <strong class="brand">turncoat</strong>
        <nav aria-label="Pages">
          {PAGES.map(([p, label]) => (
            <a
              key={p}
              href={href(
                p,
                p === 'runs' || p === 'compare' || p === 'guard' || p === 'audit' ? {} : { run },
              )}
              aria-current={route.page === p ? 'page' : undefined}
            >
              {label}
            </a>
          ))}
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {page}
      </main>
    </>
  );
}

/**
 * `turncoat report --format html --viewer URL` links rows to `URL/?run=..&model=..&condition=..`:
 * such a link opens that row's trials.
 */
function followReportLink(): void {
  const search = new URLSearchParams(window.location.search);
  search.delete('token');
  if (window.location.hash || [...search.keys()].length === 0) return;
  window.history.replaceState(
    null,
    '',
    `${window.location.pathname}${href('trials', Object.fromEntries(search))}`,
  );
}

followReportLink();
render(<App />, document.getElementById('app')!);
