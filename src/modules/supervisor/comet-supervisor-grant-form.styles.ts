import { css } from 'lit';

/** Pieces shared by the Add-grant form and its sub-editors: pills, field errors, labels. */
export const grantFieldStyles = css`
  :host {
    display: block;
  }
  .pill {
    height: 26px;
    padding: 0 var(--comet-space-xs);
    border: 1px solid var(--comet-border);
    border-radius: 999px;
    background: var(--comet-surface);
    color: var(--comet-text-quiet);
    font: inherit;
    font-size: var(--comet-font-size-xs);
    cursor: pointer;
  }
  .pill:hover {
    border-color: var(--comet-border-strong);
    color: var(--comet-text);
  }
  .pill[aria-pressed='true'] {
    border-color: color-mix(in oklab, var(--comet-accent) 50%, var(--comet-border));
    background: var(--comet-accent-soft);
    color: var(--comet-accent-text);
    font-weight: 600;
  }
  .field-error {
    margin: 2px 0 0;
    color: var(--comet-danger);
    font-size: var(--comet-font-size-xs);
  }
  .field-label {
    display: block;
    margin-bottom: 4px;
    color: var(--comet-text);
    font-size: var(--comet-font-size-s);
    font-weight: 500;
  }
  .label-row {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: var(--comet-space-s);
    margin-top: var(--comet-space-s);
  }
  .label-row .quiet,
  .none {
    color: var(--comet-text-quiet);
    font-size: var(--comet-font-size-s);
  }
  .none {
    margin: 0 0 var(--comet-space-xs);
  }
  wa-button[appearance='outlined'] {
    margin-top: var(--comet-space-xs);
  }
`;

/** The Add-grant form: fieldsets in a column, a live preview sentence, buttons. */
export const grantFormStyles = [
  grantFieldStyles,
  css`
    form {
      display: grid;
      gap: var(--comet-space-m);
    }
    fieldset {
      display: grid;
      gap: var(--comet-space-xs);
      min-width: 0;
      margin: 0;
      padding: 0 0 var(--comet-space-m);
      border: 0;
      border-bottom: 1px solid var(--comet-border);
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
    .suggestions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--comet-space-3xs);
      font-family: var(--comet-font-mono);
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(3, minmax(0, 1fr));
      gap: var(--comet-space-s);
    }
    .expiry {
      display: grid;
      grid-template-columns: minmax(0, 1fr) 110px;
      gap: var(--comet-space-3xs);
      align-items: start;
    }
    details.kinds summary {
      width: fit-content;
      color: var(--comet-accent-text);
      font-size: var(--comet-font-size-s);
      cursor: pointer;
    }
    details.kinds table {
      margin-top: var(--comet-space-xs);
      border-collapse: collapse;
      font-size: var(--comet-font-size-s);
    }
    details.kinds td {
      padding: 3px var(--comet-space-s) 3px 0;
      vertical-align: top;
    }
    .link {
      padding: 0;
      border: 0;
      background: none;
      color: var(--comet-accent-text);
      font: inherit;
      text-align: start;
      cursor: pointer;
    }
    .link:hover {
      text-decoration: underline;
    }
    .quiet {
      color: var(--comet-text-quiet);
    }
    .preview {
      display: flex;
      gap: var(--comet-space-s);
      align-items: baseline;
      padding: var(--comet-space-s) var(--comet-space-m);
      border-radius: var(--comet-radius-m);
      background: var(--comet-surface-sunken);
      font-size: var(--comet-font-size-s);
    }
    .preview .label {
      flex: none;
      color: var(--comet-text-faint);
      font-size: var(--comet-font-size-2xs);
      font-weight: 600;
      letter-spacing: 0.05em;
      text-transform: uppercase;
    }
    .form-error {
      margin: 0;
      color: var(--comet-danger);
    }
    .buttons {
      display: flex;
      gap: var(--comet-space-xs);
    }
    @media (max-width: 720px) {
      .grid {
        grid-template-columns: minmax(0, 1fr);
      }
    }
  `,
];
