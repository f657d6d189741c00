import { css } from 'lit';

/** The step details of the run view: notices, the error, facts, attempts, fan-out items and values. */
export const stepStyles = css`
  :host {
    display: grid;
    gap: var(--comet-space-m);
    font-size: var(--comet-font-size-s);
  }
  header {
    display: flex;
    align-items: flex-start;
    gap: var(--comet-space-s);
  }
  header h3 {
    font-size: var(--comet-font-size-l);
  }
  header .meta {
    margin: 2px 0 0;
  }
  h4 {
    margin: 0 0 var(--comet-space-2xs);
    font-size: var(--comet-font-size-s);
    font-weight: 600;
  }
  p {
    margin: 0;
  }
  .notice {
    display: flex;
    align-items: flex-start;
    gap: var(--comet-space-s);
    padding: var(--comet-space-s) var(--comet-space-m);
    border: 1px solid var(--comet-border);
    border-radius: var(--comet-radius-m);
    background: var(--comet-surface-sunken);
  }
  .notice > .icon {
    margin-top: 2px;
    font-size: 16px;
  }
  .notice.warn,
  .notice.approval {
    border-color: color-mix(in oklab, var(--comet-warning) 45%, transparent);
    background: var(--comet-warning-soft);
  }
  .notice.warn > .icon,
  .notice.approval > .icon {
    color: var(--comet-warning);
  }
  .notice.bad {
    border-color: color-mix(in oklab, var(--comet-danger) 45%, transparent);
    background: var(--comet-danger-soft);
  }
  .notice.bad > .icon {
    color: var(--comet-danger);
  }
  .notice p + p,
  .notice p + .link {
    margin-top: var(--comet-space-2xs);
  }
  .notice comet-approval-card {
    margin-top: var(--comet-space-s);
    padding: var(--comet-space-s);
    border-radius: var(--comet-radius-m);
    background: var(--comet-surface);
  }
  .link {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    font-weight: 600;
  }
  .countdown {
    font-variant-numeric: tabular-nums;
  }
  .rerun {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--comet-space-s);
  }
  .error {
    padding: var(--comet-space-s) var(--comet-space-m);
    border-inline-start: 3px solid var(--comet-danger);
    border-radius: var(--comet-radius-s);
    background: var(--comet-surface-sunken);
  }
  .error h4 {
    display: flex;
    align-items: center;
    gap: var(--comet-space-xs);
  }
  .error .message {
    overflow-wrap: anywhere;
  }
  .error .meta {
    margin-top: var(--comet-space-2xs);
  }
  .location {
    color: var(--comet-danger);
  }
  .facts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: var(--comet-space-3xs) var(--comet-space-m);
    margin: 0;
  }
  .facts dt {
    color: var(--comet-text-quiet);
  }
  .facts dd {
    margin: 0;
    overflow-wrap: anywhere;
    font-variant-numeric: tabular-nums;
  }
  .attempts {
    display: grid;
    gap: 2px;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .attempts li {
    display: grid;
    grid-template-columns: 32px 1fr auto;
    gap: 2px var(--comet-space-s);
    align-items: baseline;
    padding: 6px var(--comet-space-xs);
    border-radius: var(--comet-radius-s);
    font-variant-numeric: tabular-nums;
  }
  .attempts li:nth-child(odd) {
    background: var(--comet-surface-sunken);
  }
  .attempts .n {
    font-weight: 600;
  }
  .attempts .took {
    color: var(--comet-text-quiet);
    text-align: end;
  }
  .attempts .outcome {
    grid-column: 2 / -1;
    overflow-wrap: anywhere;
  }
  .attempts .failed .outcome {
    color: var(--comet-danger);
  }
  .attempts .ok .outcome {
    color: var(--comet-success);
  }
  .counts {
    display: flex;
    flex-wrap: wrap;
    gap: var(--comet-space-2xs);
    margin-bottom: var(--comet-space-xs);
  }
  .items {
    display: flex;
    flex-wrap: wrap;
    gap: 3px;
  }
  .item {
    width: 10px;
    height: 10px;
    border-radius: 2px;
    background: var(--comet-border-strong);
  }
  .item.running {
    background: var(--comet-accent);
  }
  .item.succeeded {
    background: var(--comet-success);
  }
  .item.failed {
    background: var(--comet-danger);
  }
  .item.retrying {
    background: var(--comet-warning);
  }
  .failed-items {
    margin: var(--comet-space-xs) 0 0;
    padding-inline-start: var(--comet-space-l);
  }
  .values {
    display: grid;
    gap: var(--comet-space-xs);
  }
  .values:empty {
    display: none;
  }
`;
