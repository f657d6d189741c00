import { css } from 'lit';

/** The editor: a header with the name and Save, forms on the left, the graph and JSON on the right. */
export const editorStyles = css`
  :host {
    display: block;
  }
  .editor-header {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: var(--comet-space-m);
    margin-bottom: var(--comet-space-l);
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
  .title {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--comet-space-s);
  }
  h2 {
    font-size: var(--comet-font-size-m);
  }
  .disclosure {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 2px 4px 2px 0;
    border: 0;
    border-radius: var(--comet-radius-s);
    background: none;
    color: inherit;
    font: inherit;
    cursor: pointer;
  }
  .disclosure .chevron {
    display: grid;
    color: var(--comet-text-faint);
    transition: transform var(--comet-duration) var(--comet-easing);
  }
  .disclosure[aria-expanded='true'] .chevron {
    transform: rotate(90deg);
  }
  .panel-header h2 {
    flex: none;
  }
  .summary {
    flex: 1;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .columns {
    display: grid;
    grid-template-columns: minmax(0, 1.35fr) minmax(380px, 1fr);
    gap: var(--comet-space-l);
    align-items: start;
  }
  .left,
  .right {
    display: grid;
    gap: var(--comet-space-m);
    min-width: 0;
  }
  .right {
    position: sticky;
    top: var(--comet-space-m);
  }
  .right comet-workflow-dag {
    padding: var(--comet-space-s);
    --comet-dag-max-height: 460px;
  }
  .steps {
    display: grid;
    gap: var(--comet-space-s);
  }
  .step-list {
    display: grid;
    gap: var(--comet-space-xs);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .empty {
    padding: var(--comet-space-l) var(--comet-space-m);
  }
  .first-step {
    display: grid;
    justify-items: center;
    gap: var(--comet-space-2xs);
    padding-bottom: var(--comet-space-xs);
  }
  .first-step p {
    max-width: 440px;
    margin: 0;
  }
  .big-glyph {
    display: grid;
    place-items: center;
    width: 40px;
    height: 40px;
    margin-bottom: var(--comet-space-2xs);
    border-radius: var(--comet-radius-l);
    background: var(--comet-accent-soft);
    color: var(--comet-accent-text);
    font-size: 20px;
  }
  .problems {
    padding: var(--comet-space-s) var(--comet-space-m);
    border-inline-start: 3px solid var(--comet-danger);
  }
  .problems h2 {
    display: flex;
    align-items: center;
    gap: var(--comet-space-xs);
    margin-bottom: var(--comet-space-xs);
    font-size: var(--comet-font-size-s);
  }
  .problems h2 .icon {
    color: var(--comet-danger);
  }
  .problems ul {
    display: grid;
    gap: 2px;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .problem {
    width: 100%;
    padding: 4px 6px;
    border: 0;
    border-radius: var(--comet-radius-s);
    background: none;
    color: var(--comet-text);
    font: inherit;
    font-size: var(--comet-font-size-s);
    text-align: start;
    cursor: pointer;
  }
  .problem:hover {
    background: var(--comet-danger-soft);
  }
  .problem code {
    color: var(--comet-danger);
    font-weight: 600;
  }
  .message {
    display: flex;
    align-items: center;
    gap: var(--comet-space-s);
    padding: var(--comet-space-xs) var(--comet-space-m);
  }
  .message span {
    flex: 1;
  }
  .message.error {
    border-inline-start: 3px solid var(--comet-danger);
    color: var(--comet-danger);
  }
  .message.restored {
    border-inline-start: 3px solid var(--comet-accent);
  }
  .notice {
    max-width: 640px;
    padding: var(--comet-space-l);
  }
  .notice h1 {
    font-size: var(--comet-font-size-xl);
  }
  .notice p {
    color: var(--comet-text-quiet);
  }
  @media (max-width: 1100px) {
    .columns {
      grid-template-columns: minmax(0, 1fr);
    }
    .right {
      position: static;
    }
  }
`;
