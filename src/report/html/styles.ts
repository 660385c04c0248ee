/** The report's only stylesheet: inline, system fonts, nothing fetched. */
export const REPORT_CSS = `
:root { --ink: #1a1a1a; --muted: #555; --line: #d8d8d8; --zebra: #f6f7f9; --accent: #0b5cad; --warn-bg: #fff4d6; --warn-line: #b7791f; --bad: #a3231f; --ok-bg: #eaf5ee; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
header, main, footer { max-width: 1280px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 28px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 16px; margin: 22px 0 6px; }
.subtitle { color: var(--muted); margin: 0; }
.banner { max-width: 1232px; margin: 18px auto 0; padding: 12px 16px; background: var(--warn-bg); border-left: 5px solid var(--warn-line); border-radius: 4px; }
.banner strong { display: block; font-size: 16px; }
.summary { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin: 18px 0 0; padding: 0; list-style: none; }
.summary li { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; }
.summary .value { display: block; font-size: 22px; font-weight: 650; font-variant-numeric: tabular-nums; }
.summary .label { color: var(--muted); font-size: 13px; }
.readings { padding-left: 20px; }
.readings li { margin: 4px 0; }
figure { margin: 18px 0 28px; }
figure .chart { overflow-x: auto; }
figure svg { max-width: 100%; height: auto; display: block; }
figcaption { color: var(--muted); font-size: 14px; max-width: 820px; margin-top: 6px; }
.unavailable { color: var(--muted); font-style: italic; border: 1px dashed var(--line); padding: 10px 12px; border-radius: 4px; }
.table-wrap { overflow-x: auto; margin: 10px 0 18px; }
table { border-collapse: collapse; font-size: 14px; min-width: 60%; }
caption { text-align: left; font-weight: 600; padding: 4px 0 8px; }
th, td { padding: 6px 9px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { background: #eef1f5; font-weight: 600; white-space: nowrap; }
tbody tr:nth-child(even) { background: var(--zebra); }
tbody th { font-weight: 500; white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.condition, td.change { white-space: nowrap; }
td.condition { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
td.has-errors { color: var(--bad); font-weight: 600; }
tr.clear { background: var(--ok-bg) !important; }
.n { color: var(--muted); font-size: 12px; }
.badge { display: inline-block; font-size: 12px; padding: 1px 7px; border-radius: 10px; border: 1px solid var(--line); white-space: nowrap; }
.badge-reference { background: var(--warn-bg); border-color: var(--warn-line); }
.note { color: var(--muted); font-size: 13px; max-width: 900px; }
dl.provenance { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; }
dl.provenance dt { font-weight: 600; }
dl.provenance dd { margin: 0; }
ul.plain { list-style: none; margin: 0; padding: 0; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
code.hash { color: var(--muted); }
pre { background: var(--zebra); padding: 12px; border-radius: 4px; overflow-x: auto; }
a { color: var(--accent); }
footer { color: var(--muted); font-size: 13px; padding: 28px 24px 40px; }
@media print { .banner { border: 1px solid var(--warn-line); } figure { break-inside: avoid; } }
`;
