import { css } from 'lit';
import { sectionStyles } from '../../ui/section-styles.js';

/**
 * Styles shared by the supervisor's pages: sectionStyles with the supervisor's roomier panels, rows of a list, its
 * decision chips and code blocks. Every value comes from the tokens in src/ui/theme.ts.
 */
export const supervisorStyles = css`
  ${sectionStyles}
  .panel + .panel,
  .panel + section,
  section + .panel,
  section + section {
    margin-top: var(--comet-space-m);
  }
  .panel-header {
    padding: var(--comet-space-s) var(--comet-space-l);
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
  .chip.allow {
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

/** A small square button holding one icon (close, previous, next, minimise): shared with the workflow views. */
export { iconButtonStyles } from '../../ui/section-styles.js';
