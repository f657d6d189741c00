import { css } from 'lit';

/** The run header: name and status, facts, controls, progress, the engine notice and the failure summary. */
export const headerStyles = css`
  :host {
    display: block;
  }
  .crumbs {
    display: flex;
    gap: var(--comet-space-2xs);
    color: var(--comet-text-quiet);
    font-size: var(--comet-font-size-s);
  }
  .crumbs a {
    color: inherit;
  }
  .run-header {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: var(--comet-space-m);
    margin-bottom: var(--comet-space-s);
  }
  .title {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--comet-space-s);
  }
  .title .chip {
    line-height: 22px;
  }
  .title .chip .icon {
    font-size: 13px;
  }
  .facts {
    display: flex;
    flex-wrap: wrap;
    gap: var(--comet-space-3xs) var(--comet-space-m);
    margin: var(--comet-space-2xs) 0 0;
  }
  .progress {
    display: flex;
    align-items: center;
    gap: var(--comet-space-s);
    margin-bottom: var(--comet-space-l);
  }
  .progress wa-progress-bar {
    flex: 1;
    --track-height: 6px;
    --indicator-color: var(--comet-accent);
  }
  .progress wa-progress-bar.succeeded {
    --indicator-color: var(--comet-success);
  }
  .progress wa-progress-bar.failed {
    --indicator-color: var(--comet-danger);
  }
  .progress wa-progress-bar.paused {
    --indicator-color: var(--comet-warning);
  }
  .progress wa-progress-bar.cancelled {
    --indicator-color: var(--comet-text-faint);
  }
  .progress .meta {
    min-width: 96px;
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .message {
    display: flex;
    align-items: center;
    gap: var(--comet-space-s);
    margin-bottom: var(--comet-space-m);
    padding: var(--comet-space-s) var(--comet-space-m);
  }
  .message.warn .icon {
    color: var(--comet-warning);
  }
  .failure {
    display: flex;
    align-items: flex-start;
    gap: var(--comet-space-m);
    margin-bottom: var(--comet-space-l);
    padding: var(--comet-space-m) var(--comet-space-l);
    border-inline-start: 3px solid var(--comet-danger);
  }
  .failure .glyph {
    display: grid;
    flex: none;
    place-items: center;
    width: 32px;
    height: 32px;
    border-radius: var(--comet-radius-m);
    background: var(--comet-danger-soft);
    color: var(--comet-danger);
    font-size: 16px;
  }
  .failure h2 {
    font-size: var(--comet-font-size-m);
  }
  .failure p {
    margin: var(--comet-space-3xs) 0 var(--comet-space-s);
    color: var(--comet-text-quiet);
    overflow-wrap: anywhere;
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
`;
