import { css } from 'lit';

/** Styles shared by the settings sections: a panel of rows, each a label with its description and a control. */
export const settingsStyles = css`
  :host {
    display: block;
  }
  .section-header {
    margin-bottom: var(--comet-space-m);
  }
  .section-header p {
    margin: var(--comet-space-3xs) 0 0;
    color: var(--comet-text-quiet);
  }
  .panel + .panel,
  .panel + comet-database-callout,
  comet-database-callout + .panel {
    margin-top: var(--comet-space-m);
  }
  .row {
    display: flex;
    align-items: center;
    gap: var(--comet-space-l);
    padding: var(--comet-space-m) var(--comet-space-l);
  }
  .row + .row {
    border-top: 1px solid var(--comet-border);
  }
  .row.stacked {
    flex-direction: column;
    align-items: stretch;
    gap: var(--comet-space-s);
  }
  .label {
    flex: 1;
    min-width: 0;
  }
  .label h3 {
    margin: 0;
    font-size: var(--comet-font-size-m);
    font-weight: 600;
  }
  .label p {
    margin: var(--comet-space-3xs) 0 0;
    color: var(--comet-text-quiet);
    font-size: var(--comet-font-size-s);
  }
  .control {
    flex: none;
  }
  dl.facts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: var(--comet-space-xs) var(--comet-space-l);
    margin: 0;
  }
  dl.facts dt {
    color: var(--comet-text-quiet);
  }
  dl.facts dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .danger-zone {
    border-color: color-mix(in oklab, var(--comet-danger) 35%, var(--comet-border));
  }
  @media (max-width: 720px) {
    .row {
      flex-direction: column;
      align-items: stretch;
      gap: var(--comet-space-s);
    }
  }
`;
