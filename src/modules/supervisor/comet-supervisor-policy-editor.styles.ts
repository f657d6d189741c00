import { css } from 'lit';

/** The policy editor: a template picker, the JSON beside its problems (or its sentence), and buttons. */
export const policyEditorStyles = css`
  :host {
    display: grid;
    gap: var(--comet-space-s);
  }
  wa-select.template {
    max-width: 440px;
  }
  .text label {
    font-weight: 500;
  }
  .quiet {
    color: var(--comet-text-quiet);
  }
  .editor {
    display: grid;
    grid-template-columns: minmax(0, 3fr) minmax(220px, 2fr);
    gap: var(--comet-space-m);
    align-items: stretch;
  }
  .text {
    display: grid;
    gap: 4px;
    font-size: var(--comet-font-size-s);
  }
  textarea {
    width: 100%;
    min-height: 320px;
    padding: var(--comet-space-s);
    border: 1px solid var(--comet-border-strong);
    border-radius: var(--comet-radius-m);
    background: var(--comet-surface-sunken);
    color: var(--comet-text);
    font-family: var(--comet-font-mono);
    font-size: var(--comet-font-size-xs);
    line-height: 1.6;
    resize: vertical;
    tab-size: 2;
  }
  textarea[aria-invalid='true'] {
    border-color: color-mix(in oklab, var(--comet-danger) 60%, var(--comet-border));
  }
  aside {
    padding: var(--comet-space-s) var(--comet-space-m);
    border: 1px solid var(--comet-border);
    border-radius: var(--comet-radius-m);
    font-size: var(--comet-font-size-s);
  }
  aside h4 {
    display: flex;
    align-items: center;
    gap: 6px;
    margin: 0 0 var(--comet-space-xs);
    font-size: var(--comet-font-size-s);
  }
  .bad {
    color: var(--comet-danger);
  }
  .good {
    color: var(--comet-success);
  }
  ul.problems {
    display: grid;
    gap: var(--comet-space-3xs);
    margin: 0;
    padding-inline-start: 1.1em;
    color: var(--comet-danger);
  }
  ul.problems code {
    color: var(--comet-text);
  }
  .sentence {
    margin: 0;
  }
  .schema-note {
    margin: var(--comet-space-s) 0 0;
    font-size: var(--comet-font-size-xs);
  }
  .form-error {
    margin: 0;
    color: var(--comet-danger);
  }
  .buttons {
    display: flex;
    gap: var(--comet-space-xs);
  }
  @media (max-width: 860px) {
    .editor {
      grid-template-columns: minmax(0, 1fr);
    }
  }
`;
