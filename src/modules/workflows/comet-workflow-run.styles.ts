import { css } from 'lit';

/** The run view: graph and steps beside the details, the missing-run page, loading. */
export const runStyles = css`
  .message {
    display: flex;
    align-items: center;
    gap: var(--comet-space-s);
    margin-bottom: var(--comet-space-m);
    padding: var(--comet-space-s) var(--comet-space-m);
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
  .message.error {
    border-inline-start: 3px solid var(--comet-danger);
  }
  .columns {
    display: grid;
    grid-template-columns: minmax(0, 1.5fr) minmax(340px, 1fr);
    gap: var(--comet-space-l);
    align-items: start;
  }
  .main {
    display: grid;
    gap: var(--comet-space-l);
    min-width: 0;
  }
  .panel-header h2 {
    flex: 1;
    font-size: var(--comet-font-size-m);
  }
  .steps {
    overflow: hidden;
  }
  .details {
    position: sticky;
    top: var(--comet-space-m);
    max-height: calc(100vh - var(--comet-header-height, 56px) - var(--comet-space-xl));
    padding: var(--comet-space-m) var(--comet-space-l);
    overflow: auto;
  }
  .data {
    display: grid;
    gap: var(--comet-space-xs);
  }
  .missing {
    display: grid;
    justify-items: start;
    gap: var(--comet-space-s);
    padding: var(--comet-space-l);
  }
  .missing p {
    margin: 0;
  }
  .loading {
    height: 240px;
    border-radius: var(--comet-radius-l);
    background: var(--comet-surface-hover);
  }
  @media (max-width: 1080px) {
    .columns {
      grid-template-columns: minmax(0, 1fr);
    }
    .details {
      position: static;
      max-height: none;
    }
  }
`;
