import { css } from 'lit';

/** The Policies page: the editor panel, import results, the list of policy cards and the delete dialog. */
export const policiesStyles = css`
  .editor-panel {
    margin-bottom: var(--comet-space-m);
    border-color: color-mix(in oklab, var(--comet-accent) 40%, var(--comet-border));
  }
  .import-result {
    margin-bottom: var(--comet-space-m);
  }
  .import-result ul.problems {
    margin: var(--comet-space-xs) 0;
    padding-inline-start: 1.2em;
    font-size: var(--comet-font-size-s);
  }
  ul.policies {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  ul.policies > li + li {
    border-top: 1px solid var(--comet-border);
  }
  .link {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 0;
    border: 0;
    background: none;
    color: var(--comet-accent-text);
    font: inherit;
    font-size: var(--comet-font-size-s);
    cursor: pointer;
  }
  .link:hover {
    text-decoration: underline;
  }
  wa-dialog {
    --width: 480px;
  }
  wa-dialog p {
    margin: 0 0 var(--comet-space-s);
  }
  .dialog-buttons {
    display: flex;
    justify-content: end;
    gap: var(--comet-space-xs);
  }
`;
