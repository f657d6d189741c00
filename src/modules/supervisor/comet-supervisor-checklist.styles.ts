import { css } from 'lit';

/** The checklist: a summary with progress, then one row per probe with its status, account and time. */
export const checklistStyles = css`
  .summary {
    margin-bottom: var(--comet-space-m);
    padding: var(--comet-space-s) var(--comet-space-l);
  }
  .summary.pass {
    border-color: color-mix(in oklab, var(--comet-success) 35%, var(--comet-border));
  }
  .summary.fail {
    border-color: color-mix(in oklab, var(--comet-danger) 45%, var(--comet-border));
  }
  .summary-line {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--comet-space-s);
    min-height: 28px;
  }
  .summary-line .meta {
    margin-inline-start: auto;
  }
  .summary p {
    margin: var(--comet-space-3xs) 0 0;
  }
  .summary wa-progress-bar {
    --track-height: 6px;
    margin: var(--comet-space-xs) 0 var(--comet-space-3xs);
  }
  .bad {
    color: var(--comet-danger);
  }
  ol.probes {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .probe {
    display: flex;
    align-items: flex-start;
    gap: var(--comet-space-m);
    padding: var(--comet-space-m) var(--comet-space-l);
  }
  .probe + .probe {
    border-top: 1px solid var(--comet-border);
  }
  .probe h3 {
    line-height: 24px;
  }
  .summary-text {
    margin: 2px 0 0;
    color: var(--comet-text-quiet);
    font-size: var(--comet-font-size-s);
  }
  .probe.fail .summary-text {
    color: var(--comet-danger);
  }
  .status-icon {
    display: inline-flex;
    flex: none;
    align-items: center;
    justify-content: center;
    width: 24px;
    height: 24px;
    border-radius: 999px;
    background: var(--comet-surface-sunken);
    color: var(--comet-text-faint);
    font-size: 14px;
  }
  .status-icon.pass {
    background: var(--comet-success-soft);
    color: var(--comet-success);
  }
  .status-icon.fail {
    background: var(--comet-danger-soft);
    color: var(--comet-danger);
  }
  .status-icon.not-run {
    background: var(--comet-warning-soft);
    color: var(--comet-warning);
  }
  .status-icon wa-spinner {
    font-size: 14px;
    --indicator-color: var(--comet-accent);
  }
  .side {
    display: flex;
    flex: none;
    align-items: center;
    gap: var(--comet-space-s);
  }
  .when {
    min-width: 140px;
    text-align: end;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  details {
    margin-top: var(--comet-space-xs);
  }
  details summary {
    width: fit-content;
    color: var(--comet-accent-text);
    font-size: var(--comet-font-size-s);
    cursor: pointer;
  }
  ol.steps {
    display: grid;
    gap: 2px;
    margin: var(--comet-space-xs) 0 0;
    padding: var(--comet-space-xs) var(--comet-space-s);
    border: 1px solid var(--comet-border);
    border-radius: var(--comet-radius-m);
    background: var(--comet-surface-sunken);
    list-style: none;
    font-size: var(--comet-font-size-s);
  }
  ol.steps li {
    display: grid;
    grid-template-columns: 34px 1fr;
    gap: var(--comet-space-xs);
    overflow-wrap: anywhere;
  }
  .step-kind {
    color: var(--comet-text-faint);
    font-size: var(--comet-font-size-2xs);
    font-weight: 600;
    letter-spacing: 0.04em;
    line-height: 20px;
    text-transform: uppercase;
  }
  ol.steps li.good .step-kind {
    color: var(--comet-success);
  }
  ol.steps li.bad {
    color: var(--comet-danger);
  }
  ol.steps li.bad .step-kind {
    color: var(--comet-danger);
  }
  @media (max-width: 720px) {
    .probe {
      flex-wrap: wrap;
    }
    .side {
      width: 100%;
      justify-content: flex-end;
    }
  }
`;
