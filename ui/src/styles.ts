// Shared styles for every element: one palette, readable type at 1280×720 and on a tablet, and a
// focus ring that is always visible for keyboard users.
import { css } from 'lit';

export const base = css`
  :host {
    --lf-fg: #1d2420;
    --lf-muted: #5b655f;
    --lf-bg: #f5f6f3;
    --lf-panel: #ffffff;
    --lf-line: #d8ddd6;
    --lf-accent: #2f6b3a;
    --lf-accent-soft: #e4efe4;
    --lf-error: #b3261e;
    --lf-error-soft: #fbe9e7;
    --lf-warn: #8a5a00;
    --lf-warn-soft: #fff4d6;
    --lf-ok: #1e6b32;
    --lf-ok-soft: #e3f3e6;
    --lf-info-soft: #e8eef8;
    --lf-radius: 6px;
    --lf-focus: 0 0 0 3px #f2b705;
    color: var(--lf-fg);
    font-size: 15px;
    line-height: 1.5;
    box-sizing: border-box;
  }
  *, *::before, *::after { box-sizing: inherit; }
  h1, h2, h3, h4 { margin: 0 0 0.5em; line-height: 1.3; }
  h2 { font-size: 1.25rem; }
  h3 { font-size: 1.05rem; }
  p { margin: 0.3em 0; }
  a { color: var(--lf-accent); }
  a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible,
  textarea:focus-visible, summary:focus-visible, [tabindex]:focus-visible {
    outline: none;
    box-shadow: var(--lf-focus);
  }
  button, .button {
    font: inherit;
    border: 1px solid var(--lf-line);
    background: var(--lf-panel);
    color: var(--lf-fg);
    border-radius: var(--lf-radius);
    padding: 0.35em 0.9em;
    cursor: pointer;
    min-height: 2.2em;
    text-decoration: none;
    display: inline-flex;
    align-items: center;
    gap: 0.3em;
  }
  button:hover:not(:disabled), .button:hover { border-color: var(--lf-accent); }
  button.primary, .button.primary { background: var(--lf-accent); border-color: var(--lf-accent); color: #fff; }
  button.danger { color: var(--lf-error); border-color: var(--lf-error); }
  button:disabled { opacity: 0.55; cursor: not-allowed; }
  input, select, textarea {
    font: inherit;
    color: inherit;
    border: 1px solid #b9c2bb;
    border-radius: 4px;
    padding: 0.3em 0.45em;
    background: #fff;
    min-height: 2.1em;
    max-width: 100%;
  }
  input[type='checkbox'] { min-height: 0; width: 1.15em; height: 1.15em; accent-color: var(--lf-accent); }
  input[aria-invalid='true'], select[aria-invalid='true'] { border-color: var(--lf-error); background: var(--lf-error-soft); }
  label { cursor: pointer; }
  table { border-collapse: collapse; width: 100%; background: var(--lf-panel); }
  th, td { border-bottom: 1px solid var(--lf-line); padding: 0.4em 0.55em; text-align: left; vertical-align: top; }
  th { font-weight: 600; background: #eef1ec; white-space: nowrap; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
  .panel { background: var(--lf-panel); border: 1px solid var(--lf-line); border-radius: var(--lf-radius); padding: 1rem; }
  .muted { color: var(--lf-muted); }
  .small { font-size: 0.87rem; }
  .row { display: flex; gap: 0.6rem; align-items: center; flex-wrap: wrap; }
  .stack > * + * { margin-top: 0.75rem; }
  .badge { display: inline-block; border-radius: 999px; padding: 0 0.6em; font-size: 0.82rem; line-height: 1.6; white-space: nowrap; background: #eef1ec; }
  .badge.error { background: var(--lf-error-soft); color: var(--lf-error); }
  .badge.warn { background: var(--lf-warn-soft); color: var(--lf-warn); }
  .badge.ok { background: var(--lf-ok-soft); color: var(--lf-ok); }
  .badge.info { background: var(--lf-info-soft); color: #1f4f8f; }
  .cite { color: #6a4c93; font-size: 0.85rem; white-space: nowrap; }
  button.primary .cite, .button.primary .cite { color: inherit; opacity: 0.85; }
  .error-text { color: var(--lf-error); }
  /* Positioned, so that what is hidden inside (visually-hidden headers) stays inside its scroll box. */
  .scroll-x { overflow-x: auto; max-width: 100%; position: relative; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  details > summary { cursor: pointer; }
  code, .mono { font-family: "Noto Sans Mono CJK SC", ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.9em; }
`;

/** A row of labelled inputs above a chart (population run, sweep): labels stacked over their inputs. */
export const controlRow = css`
  form { display: flex; gap: 0.6rem 1rem; flex-wrap: wrap; align-items: end; margin-bottom: 0.6rem; }
  label { display: flex; flex-direction: column; font-size: 0.88rem; color: var(--lf-muted); }
`;
