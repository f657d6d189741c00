import { css } from 'lit';
import { emptyStateStyles } from './workflow-styles.js';

/** Row height in px: fixed, so thousands of runs lay out without measuring. */
const ROW = 56;

/** The run history: the virtualised list of runs, the empty states (the filters style themselves). */
export const historyStyles = css`
  :host {
    container: run-history / inline-size;
  }
  .filters {
    margin-bottom: var(--comet-space-m);
  }
  .load-error {
    margin-bottom: var(--comet-space-m);
  }
  .load-error p {
    margin: var(--comet-space-3xs) 0 var(--comet-space-xs);
  }
  .list .panel-header h3 {
    flex: none;
  }
  .list .panel-header .meta {
    flex: 1;
  }
  .list .panel-header wa-button {
    margin-inline-start: auto;
  }
  .head,
  .open {
    display: grid;
    grid-template-columns: 124px minmax(200px, 1fr) 120px 96px 140px;
    gap: var(--comet-space-m);
    align-items: center;
  }
  .head {
    height: 32px;
    /* The rows end with a 28px delete button and a gap: the header leaves the same room. */
    padding: 0 calc(var(--comet-space-m) + 28px + var(--comet-space-xs)) 0 var(--comet-space-l);
    border-bottom: 1px solid var(--comet-border);
    color: var(--comet-text-quiet);
    font-size: var(--comet-font-size-2xs);
    font-weight: 600;
    letter-spacing: 0.05em;
    text-transform: uppercase;
  }
  .head .num {
    font-size: inherit;
  }
  lit-virtualizer {
    /* --runs-listed is set by the element: a short list takes only the room its rows need. */
    height: min(64vh, 640px, calc(var(--runs-listed, 12) * ${ROW}px));
    /* The virtualizer sets an inline min-height of 150px on itself unless one is set. */
    min-height: 0 !important;
  }
  .row > .icon-button,
  .row > .no-delete {
    flex: none;
    width: 28px;
  }
  .row {
    display: flex;
    align-items: center;
    gap: var(--comet-space-xs);
    width: 100%;
    height: ${ROW}px;
    padding: 0 var(--comet-space-m) 0 0;
    border-bottom: 1px solid color-mix(in oklab, var(--comet-border) 65%, transparent);
  }
  .row:hover {
    background: var(--comet-surface-hover);
  }
  .open {
    flex: 1;
    min-width: 0;
    height: 100%;
    padding-inline-start: var(--comet-space-l);
    color: var(--comet-text);
    text-decoration: none;
  }
  .open:focus-visible {
    outline-offset: -2px;
  }
  .open > * {
    min-width: 0;
  }
  .who {
    display: grid;
  }
  .who .name {
    overflow: hidden;
    font-weight: 600;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .who .meta {
    overflow: hidden;
    font-size: var(--comet-font-size-xs);
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .time,
  .num {
    color: var(--comet-text-quiet);
    font-size: var(--comet-font-size-s);
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .num {
    text-align: end;
  }
  .progress {
    display: flex;
    align-items: center;
    gap: var(--comet-space-xs);
  }
  .progress .meta {
    min-width: 44px;
    font-size: var(--comet-font-size-xs);
    font-variant-numeric: tabular-nums;
  }
  .track {
    flex: 1;
    height: 6px;
  }
  .rail {
    fill: var(--comet-surface-sunken);
  }
  .fill {
    fill: var(--comet-accent);
  }
  .fill.succeeded {
    fill: var(--comet-success);
  }
  .fill.failed {
    fill: var(--comet-danger);
  }
  .fill.paused {
    fill: var(--comet-warning);
  }
  .fill.cancelled,
  .fill.queued {
    fill: var(--comet-text-faint);
  }
  .chip .icon {
    font-size: 12px;
  }
  ${emptyStateStyles}
  .empty-state p {
    max-width: 540px;
  }
  .skeleton-list {
    height: 200px;
    background: var(--comet-surface-hover);
  }
  wa-dialog {
    --width: 460px;
  }
  wa-dialog p {
    margin: 0;
  }
  [slot='footer'] {
    display: flex;
    justify-content: end;
    gap: var(--comet-space-xs);
  }
  @container run-history (max-width: 820px) {
    .head,
    .open {
      grid-template-columns: 112px minmax(140px, 1fr) 84px;
    }
    .head > :nth-child(n + 4),
    .open > :nth-child(n + 4) {
      display: none;
    }
  }
`;
