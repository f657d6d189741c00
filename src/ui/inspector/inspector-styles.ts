import { css } from 'lit';

/** Styles shared by the inspector's tabs: a toolbar over a dense, monospaced list. */
export const inspectorStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    height: 100%;
    min-height: 0;
    font-size: var(--comet-font-size-xs);
  }
  .toolbar {
    display: flex;
    align-items: center;
    gap: var(--comet-space-xs);
    padding: 6px var(--comet-space-s);
    border-bottom: 1px solid var(--comet-border);
  }
  .toolbar input,
  .toolbar select {
    height: 26px;
    padding: 0 8px;
    border: 1px solid var(--comet-border-strong);
    border-radius: var(--comet-radius-s);
    background: var(--comet-surface);
    color: var(--comet-text);
    font: inherit;
  }
  .toolbar input {
    width: 220px;
  }
  .toolbar button {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    height: 26px;
    padding: 0 8px;
    border: 1px solid transparent;
    border-radius: var(--comet-radius-s);
    background: none;
    color: var(--comet-text-quiet);
    font: inherit;
    cursor: pointer;
  }
  .toolbar button:hover {
    background: var(--comet-surface-hover);
    color: var(--comet-text);
  }
  .count {
    margin-inline-start: auto;
    color: var(--comet-text-faint);
  }
  .list {
    flex: 1;
    min-height: 0;
    font-family: var(--comet-font-mono);
  }
  lit-virtualizer {
    height: 100%;
    min-height: 0;
  }
  .row {
    display: grid;
    width: 100%;
    gap: var(--comet-space-s);
    align-items: baseline;
    padding: 3px var(--comet-space-s);
    border: 0;
    border-bottom: 1px solid color-mix(in oklab, var(--comet-border) 60%, transparent);
    background: none;
    color: var(--comet-text);
    font: inherit;
    text-align: start;
    white-space: nowrap;
  }
  .row > * {
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .time {
    color: var(--comet-text-faint);
  }
  .quiet {
    color: var(--comet-text-quiet);
  }
  .empty {
    margin: 0;
    padding: var(--comet-space-l);
    color: var(--comet-text-quiet);
    font-family: var(--comet-font-sans);
    font-size: var(--comet-font-size-s);
    text-align: center;
  }
  pre {
    margin: 0;
    padding: var(--comet-space-s);
    font-family: var(--comet-font-mono);
    font-size: var(--comet-font-size-xs);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
`;
