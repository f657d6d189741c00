import { css } from 'lit';

/**
 * Styles shared by the workflow views: section headers, panels, status chips, empty states. Every value comes from
 * the tokens in src/ui/theme.ts (the same look as the Supervisor's pages).
 */
export const workflowStyles = css`
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
    flex-wrap: wrap;
    align-items: flex-end;
    gap: var(--comet-space-m);
    margin-bottom: var(--comet-space-m);
  }
  .section-header > :first-child {
    flex: 1;
    min-width: 240px;
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
  .panel-header {
    display: flex;
    align-items: center;
    gap: var(--comet-space-s);
    min-height: 48px;
    padding: var(--comet-space-xs) var(--comet-space-m);
    border-bottom: 1px solid var(--comet-border);
  }
  .panel-header h3 {
    flex: 1;
  }
  .panel-body {
    padding: var(--comet-space-m);
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
  .chip.ok {
    background: var(--comet-success-soft);
    color: var(--comet-success);
  }
  .chip.bad {
    background: var(--comet-danger-soft);
    color: var(--comet-danger);
  }
  .chip.warn {
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
    font-size: 15px;
    cursor: pointer;
  }
  .icon-button:hover:not(:disabled) {
    background: var(--comet-surface-hover);
    color: var(--comet-text);
  }
  .icon-button.danger:hover:not(:disabled) {
    background: var(--comet-danger-soft);
    color: var(--comet-danger);
  }
  .icon-button:disabled {
    opacity: 0.35;
    cursor: default;
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
