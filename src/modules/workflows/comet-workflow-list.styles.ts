import { css } from 'lit';
import { emptyStateStyles } from './workflow-styles.js';

/** The list of saved workflows: a row per workflow with its facts and actions, the empty state, import results. */
export const listStyles = css`
  ul.workflows {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .workflow {
    display: flex;
    align-items: flex-start;
    gap: var(--comet-space-m);
    padding: var(--comet-space-m) var(--comet-space-l);
  }
  .workflow + .workflow {
    border-top: 1px solid var(--comet-border);
  }
  .glyph {
    display: grid;
    flex: none;
    place-items: center;
    width: 32px;
    height: 32px;
    border-radius: var(--comet-radius-m);
    background: var(--comet-accent-soft);
    color: var(--comet-accent-text);
    font-size: 16px;
  }
  .title {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: var(--comet-space-xs);
  }
  .name {
    color: var(--comet-text);
    font-weight: 600;
    text-decoration: none;
  }
  .name:hover {
    color: var(--comet-accent-text);
    text-decoration: underline;
  }
  .id {
    color: var(--comet-text-faint);
    font-size: var(--comet-font-size-xs);
  }
  .description {
    margin: 2px 0 0;
    color: var(--comet-text-quiet);
  }
  .facts {
    display: flex;
    flex-wrap: wrap;
    gap: var(--comet-space-3xs) var(--comet-space-m);
    margin: var(--comet-space-2xs) 0 0;
    font-size: var(--comet-font-size-xs);
  }
  .trigger {
    display: inline-flex;
    align-items: center;
    gap: 4px;
  }
  .row-actions {
    display: flex;
    align-items: center;
    gap: 2px;
  }
  .row-actions .run {
    margin-inline-end: var(--comet-space-xs);
  }
  ${emptyStateStyles}
  .import-result {
    margin-bottom: var(--comet-space-m);
  }
  .import-result .group-name {
    margin: var(--comet-space-xs) 0 0;
    font-weight: 600;
  }
  .problems {
    margin: var(--comet-space-2xs) 0 var(--comet-space-xs);
    padding-inline-start: var(--comet-space-l);
  }
  .problems code {
    margin-inline-end: var(--comet-space-2xs);
  }
  .skeleton {
    height: 14px;
    margin: var(--comet-space-m) var(--comet-space-l);
    border-radius: var(--comet-radius-s);
    background: var(--comet-surface-hover);
  }
  .skeleton.short {
    width: 50%;
  }
  @media (max-width: 640px) {
    .workflow {
      flex-wrap: wrap;
    }
  }
`;
