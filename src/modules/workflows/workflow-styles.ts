import { css } from 'lit';
import { iconButtonStyles, sectionStyles } from '../../ui/section-styles.js';

/**
 * Styles shared by the workflow views: sectionStyles (the same look as the Supervisor's pages) with the workflows'
 * tighter panels and their icon buttons. Every value comes from the tokens in src/ui/theme.ts.
 */
export const workflowStyles = css`
  ${sectionStyles}
  .section-header {
    flex-wrap: wrap;
  }
  .section-header > :first-child {
    min-width: 240px;
  }
  .panel-header {
    min-height: 48px;
    padding: var(--comet-space-xs) var(--comet-space-m);
  }
  .panel-body {
    padding: var(--comet-space-m);
  }
  ${iconButtonStyles}
  .icon-button {
    font-size: 15px;
  }
  .icon-button.danger:hover:not(:disabled) {
    background: var(--comet-danger-soft);
    color: var(--comet-danger);
  }
  .icon-button:disabled {
    opacity: 0.35;
  }
`;

/**
 * Form fields: labels, hints and errors as Web Awesome draws them, and native inputs that look like its small ones
 * (the reference input needs a native control to manage the caret and its suggestion list).
 */
export const fieldStyles = css`
  fieldset {
    display: grid;
    gap: var(--comet-space-s);
    min-width: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }
  legend {
    margin-bottom: var(--comet-space-xs);
    padding: 0;
    color: var(--comet-text-faint);
    font-size: var(--comet-font-size-2xs);
    font-weight: 600;
    letter-spacing: 0.05em;
    text-transform: uppercase;
  }
  .field {
    display: grid;
    gap: 4px;
    min-width: 0;
  }
  .field > label,
  .field-label {
    color: var(--wa-form-control-label-color);
    font-size: var(--comet-font-size-s);
    font-weight: var(--wa-form-control-label-font-weight);
    line-height: var(--wa-form-control-label-line-height);
  }
  .required::after {
    content: ' *';
    color: var(--comet-danger);
  }
  .hint {
    margin: 0;
    color: var(--comet-text-quiet);
    font-size: var(--comet-font-size-xs);
  }
  .field-error {
    margin: 0;
    color: var(--comet-danger);
    font-size: var(--comet-font-size-xs);
  }
  .control {
    width: 100%;
    min-height: 32px;
    padding: 5px 10px;
    border: var(--wa-form-control-border-width) var(--wa-form-control-border-style) var(--wa-form-control-border-color);
    border-radius: var(--wa-form-control-border-radius);
    background: var(--wa-form-control-background-color);
    color: var(--wa-form-control-value-color);
    font: inherit;
    font-size: var(--comet-font-size-s);
    line-height: 20px;
  }
  .control::placeholder {
    color: var(--wa-form-control-placeholder-color);
  }
  .control:focus {
    outline: var(--comet-focus-ring);
    outline-offset: 0;
  }
  .control[aria-invalid='true'] {
    border-color: var(--comet-danger);
  }
  textarea.control {
    resize: vertical;
  }
  .control.mono,
  textarea.control.mono {
    font-family: var(--comet-font-mono);
    font-size: var(--comet-font-size-xs);
  }
  .grid-2 {
    display: grid;
    grid-template-columns: repeat(2, minmax(0, 1fr));
    gap: var(--comet-space-s);
  }
  .grid-3 {
    display: grid;
    grid-template-columns: repeat(3, minmax(0, 1fr));
    gap: var(--comet-space-s);
  }
  @media (max-width: 640px) {
    .grid-2,
    .grid-3 {
      grid-template-columns: minmax(0, 1fr);
    }
  }
`;

/** A whole-panel empty state (no workflows, no runs): a big glyph, a heading, a line of text and centred actions. */
export const emptyStateStyles = css`
  .empty-state {
    display: grid;
    justify-items: center;
    gap: var(--comet-space-xs);
    padding: var(--comet-space-2xl) var(--comet-space-l);
    text-align: center;
  }
  .empty-state p {
    max-width: 520px;
    margin: 0 0 var(--comet-space-xs);
    color: var(--comet-text-quiet);
  }
  .big-glyph {
    display: grid;
    place-items: center;
    width: 48px;
    height: 48px;
    margin-bottom: var(--comet-space-xs);
    border-radius: var(--comet-radius-l);
    background: var(--comet-accent-soft);
    color: var(--comet-accent-text);
    font-size: 24px;
  }
  .actions.center {
    justify-content: center;
  }
`;

/** The quiet "+ Add …" button under a list of fields (inputs, triggers, array items). */
export const addButtonStyles = css`
  .add {
    justify-self: start;
    display: inline-flex;
    align-items: center;
    gap: 4px;
    padding: 2px 6px;
    border: 0;
    border-radius: var(--comet-radius-s);
    background: none;
    color: var(--comet-accent-text);
    font: inherit;
    font-size: var(--comet-font-size-s);
    cursor: pointer;
  }
  .add:hover {
    background: var(--comet-accent-soft);
  }
`;
