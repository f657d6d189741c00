import { css } from 'lit';

/**
 * Styles shared by the supervisor's pages: a section header, panels of rows, a toolbar, small status chips, empty
 * states and code blocks. Every value comes from the tokens in src/ui/theme.ts.
 */
export const supervisorStyles = css`
  :host {
    display: block;
  }
  h3,
  h4 {
    margin: 0;
    font-size: var(--comet-font-size-m);
    font-weight: 600;
  }
  .section-header {
    display: flex;
    align-items: flex-end;
    gap: var(--comet-space-m);
    margin-bottom: var(--comet-space-m);
  }
  .section-header > :first-child {
    flex: 1;
    min-width: 0;
  }
  .section-header p {
    margin: var(--comet-space-3xs) 0 0;
    color: var(--comet-text-quiet);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--comet-space-xs);
  }
  .panel + .panel,
  .panel + section,
  section + .panel,
  section + section {
    margin-top: var(--comet-space-m);
  }
  .panel-header {
    display: flex;
    align-items: center;
    gap: var(--comet-space-s);
    padding: var(--comet-space-s) var(--comet-space-l);
    border-bottom: 1px solid var(--comet-border);
  }
  .panel-header h3 {
    flex: 1;
  }
  .panel-body {
    padding: var(--comet-space-m) var(--comet-space-l);
  }
  .row {
    display: flex;
    align-items: center;
    gap: var(--comet-space-l);
    padding: var(--comet-space-s) var(--comet-space-l);
  }
  .row + .row {
    border-top: 1px solid var(--comet-border);
  }
  .grow {
    flex: 1;
    min-width: 0;
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    padding: 0 var(--comet-space-xs);
    border-radius: 999px;
    background: var(--comet-surface-sunken);
    color: var(--comet-text-quiet);
    font-size: var(--comet-font-size-xs);
    font-weight: 600;
    line-height: 20px;
    white-space: nowrap;
  }
  .chip.allow,
  .chip.ok {
    background: var(--comet-success-soft);
    color: var(--comet-success);
  }
  .chip.deny,
  .chip.denied,
  .chip.error,
  .chip.timeout {
    background: var(--comet-danger-soft);
    color: var(--comet-danger);
  }
  .chip.ask,
  .chip.pending,
  .chip.log-only {
    background: var(--comet-warning-soft);
    color: var(--comet-warning);
  }
  .chip.accent {
    background: var(--comet-accent-soft);
    color: var(--comet-accent-text);
  }
  .empty {
    margin: 0;
    padding: var(--comet-space-xl) var(--comet-space-l);
    color: var(--comet-text-quiet);
    text-align: center;
  }
  .empty strong {
    display: block;
    margin-bottom: var(--comet-space-3xs);
    color: var(--comet-text);
  }
  .meta {
    color: var(--comet-text-quiet);
    font-size: var(--comet-font-size-s);
  }
  .error-text {
    color: var(--comet-danger);
  }
  pre.code {
    margin: 0;
    padding: var(--comet-space-s);
    max-height: 320px;
    overflow: auto;
    border: 1px solid var(--comet-border);
    border-radius: var(--comet-radius-m);
    background: var(--comet-surface-sunken);
    font-family: var(--comet-font-mono);
    font-size: var(--comet-font-size-xs);
    line-height: 1.55;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
`;

/** A small square button holding one icon (close, previous, next, minimise). */
export const iconButtonStyles = css`
  .icon-button {
    display: grid;
    place-items: center;
    width: 28px;
    height: 28px;
    padding: 0;
    border: 0;
    border-radius: var(--comet-radius-m);
    background: none;
    color: var(--comet-text-quiet);
    font-size: 16px;
    cursor: pointer;
  }
  .icon-button:hover:not(:disabled) {
    background: var(--comet-surface-hover);
    color: var(--comet-text);
  }
  .icon-button:disabled {
    opacity: 0.4;
    cursor: default;
  }
`;
