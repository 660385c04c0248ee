/** Plain-text tables of approvals and incidents for the CLI; model-written text is escaped. */
import { formatTable } from '../report/text-table.js';
import type { Approval, Incident } from './records.js';
import { forTerminal } from './terminal-text.js';

const clip = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

export function formatApprovals(pending: readonly Approval[]): string {
  if (pending.length === 0) return 'No holds waiting for approval.';
  const rows = pending.map((a) => [
    a.id,
    forTerminal(clip(a.session, 40)),
    forTerminal(a.tool),
    `${a.approvers.length}/${a.required}`,
    a.expiresAt.slice(0, 19).replace('T', ' '),
    forTerminal(clip(a.rule ?? '-', 32)),
    forTerminal(clip(JSON.stringify(a.args), 60)),
  ]);
  return `${formatTable(['id', 'session', 'tool', 'approvals', 'expires (UTC)', 'rule', 'arguments'], rows)}\n\nnext: turncoat guard approve ID | turncoat guard deny ID --reason TEXT`;
}

export function formatIncidents(incidents: readonly Incident[]): string {
  if (incidents.length === 0) return 'No incidents.';
  const rows = incidents.map((i) => [
    i.id,
    i.createdAt.slice(0, 19).replace('T', ' '),
    i.decision,
    forTerminal(clip(i.rule ?? '-', 32)),
    forTerminal(i.tool ?? '-'),
    forTerminal(clip(i.session, 48)),
  ]);
  return `${formatTable(['id', 'opened (UTC)', 'decision', 'rule', 'tool', 'session'], rows)}\n\nnext: turncoat guard incident ID`;
}
