import { css } from 'lit';

/** Row height in px: fixed, so a virtualised table of 1,000 steps lays out without measuring. */
export const STEP_ROW_HEIGHT = 40;
const ROW = STEP_ROW_HEIGHT;

/** The step table of the run view: a grid per row, a coloured bar per status, narrower columns in narrow space. */
export const stepsStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
    container: run-steps / inline-size;
    font-size: var(--comet-font-size-s);
  }
  .head,
  .row {
    display: grid;
    grid-template-columns: minmax(150px, 1.6fr) minmax(96px, 1fr) 136px 52px 76px 72px;
    gap: var(--comet-space-s);
    align-items: center;
    width: 100%;
    height: ${ROW}px;
    padding: 0 var(--comet-space-m);
  }
  /* The start time shows only where there is room for it (the details panel always has it). */
  .head > :nth-child(5),
  .row > :nth-child(5) {
    display: none;
  }
  @container run-steps (min-width: 900px) {
    .head,
    .row {
      grid-template-columns: minmax(150px, 1.6fr) minmax(96px, 1fr) 136px 52px 84px 76px 72px;
    }
    .head > :nth-child(5),
    .row > :nth-child(5) {
      display: block;
    }
  }
  .head {
    height: 32px;
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
  ul.rows {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  lit-virtualizer {
    height: min(60vh, 560px);
  }
  lit-virtualizer > div {
    width: 100%;
  }
  .row {
    border: 0;
    border-bottom: 1px solid color-mix(in oklab, var(--comet-border) 65%, transparent);
    background: none;
    color: var(--comet-text);
    font: inherit;
    text-align: start;
    white-space: nowrap;
    cursor: pointer;
  }
  li:last-child .row {
    border-bottom: 0;
  }
  .row:hover {
    background: var(--comet-surface-hover);
  }
  .row[aria-pressed='true'] {
    background: var(--comet-accent-soft);
  }
  .row:focus-visible {
    outline-offset: -2px;
  }
  .row > * {
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .name {
    display: flex;
    align-items: center;
    gap: var(--comet-space-xs);
    font-weight: 600;
  }
  .bar {
    flex: none;
    width: 3px;
    height: 18px;
    border-radius: 2px;
    background: var(--comet-border-strong);
  }
  .running .bar {
    background: var(--comet-accent);
  }
  .succeeded .bar {
    background: var(--comet-success);
  }
  .failed .bar {
    background: var(--comet-danger);
  }
  .retrying .bar,
  .compensating .bar {
    background: var(--comet-warning);
  }
  .skipped,
  .cancelled,
  .pending {
    color: var(--comet-text-quiet);
  }
  .id,
  .cap {
    color: var(--comet-text-quiet);
    font-size: var(--comet-font-size-xs);
    font-weight: 400;
  }
  .num,
  .time,
  .retry {
    color: var(--comet-text-quiet);
    font-size: var(--comet-font-size-xs);
    font-variant-numeric: tabular-nums;
  }
  .num {
    text-align: end;
  }
  .retry {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    color: var(--comet-warning);
  }
  .chip .icon {
    font-size: 12px;
  }
  @container run-steps (max-width: 620px) {
    .head,
    .row {
      grid-template-columns: minmax(110px, 1.4fr) 136px 44px 64px 64px;
    }
    .head > :nth-child(2),
    .row > :nth-child(2) {
      display: none;
    }
  }
`;
