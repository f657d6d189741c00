import { css } from 'lit';

/** Styles of <comet-home-view>: the status cards and the getting-started list. */
export const homeStyles = css`
  comet-database-callout {
    margin-bottom: var(--comet-space-l);
  }
  .cards {
    display: grid;
    grid-template-columns: repeat(2, minmax(0, 1fr));
    gap: var(--comet-space-m);
    margin-bottom: var(--comet-space-l);
  }
  .card {
    display: flex;
    flex-direction: column;
    gap: var(--comet-space-xs);
    padding: var(--comet-space-m) var(--comet-space-l) var(--comet-space-l);
  }
  .card h2 {
    display: flex;
    align-items: center;
    gap: var(--comet-space-xs);
    margin-bottom: var(--comet-space-2xs);
    color: var(--comet-text-quiet);
    font-size: var(--comet-font-size-s);
    font-weight: 600;
  }
  .card h2 .icon {
    font-size: 16px;
  }
  .card p {
    margin: 0;
  }
  .state {
    display: flex;
    align-items: center;
    gap: var(--comet-space-xs);
    font-size: var(--comet-font-size-l);
    font-weight: 600;
  }
  .dot {
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: var(--comet-text-faint);
  }
  .ok .dot {
    background: var(--comet-success);
    box-shadow: 0 0 0 3px var(--comet-success-soft);
  }
  .warn .dot {
    background: var(--comet-warning);
    box-shadow: 0 0 0 3px var(--comet-warning-soft);
  }
  .bad .dot {
    background: var(--comet-danger);
    box-shadow: 0 0 0 3px var(--comet-danger-soft);
  }
  .more {
    display: inline-flex;
    align-items: center;
    gap: var(--comet-space-2xs);
    margin-top: auto;
    padding-top: var(--comet-space-xs);
    font-size: var(--comet-font-size-s);
    font-weight: 500;
    text-decoration: none;
  }
  .start {
    padding: var(--comet-space-l);
  }
  .start ol {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(360px, 1fr));
    gap: var(--comet-space-l) var(--comet-space-xl);
    margin: var(--comet-space-m) 0 0;
    padding: 0;
    list-style: none;
  }
  .start li {
    display: flex;
    gap: var(--comet-space-s);
  }
  .start li > .icon {
    flex: none;
    width: 32px;
    height: 32px;
    padding: 7px;
    border-radius: var(--comet-radius-m);
    background: var(--comet-accent-soft);
    color: var(--comet-accent);
  }
  .start p {
    margin: var(--comet-space-3xs) 0 0;
    color: var(--comet-text-quiet);
    font-size: var(--comet-font-size-s);
  }
  @media (max-width: 720px) {
    .cards,
    .start ol {
      grid-template-columns: 1fr;
    }
  }
`;
