import { css } from 'lit';

/** The supervisor view's frame: a wide page, a second-level navigation as a tab strip, loading and error states. */
export const supervisorViewStyles = css`
  .page {
    max-width: 1240px;
  }
  .page-header {
    margin-bottom: var(--comet-space-m);
  }
  nav {
    margin-bottom: var(--comet-space-l);
    border-bottom: 1px solid var(--comet-border);
  }
  nav ul {
    display: flex;
    flex-wrap: wrap;
    gap: var(--comet-space-3xs);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  nav a {
    position: relative;
    display: flex;
    align-items: center;
    gap: 6px;
    height: 36px;
    padding: 0 var(--comet-space-s);
    border-radius: var(--comet-radius-m) var(--comet-radius-m) 0 0;
    color: var(--comet-text-quiet);
    font-weight: 500;
    text-decoration: none;
  }
  nav a:hover {
    background: var(--comet-surface-hover);
    color: var(--comet-text);
  }
  nav a[aria-current='page'] {
    color: var(--comet-text);
  }
  nav a[aria-current='page']::after {
    content: '';
    position: absolute;
    inset: auto var(--comet-space-xs) -1px;
    height: 2px;
    border-radius: 2px;
    background: var(--comet-accent);
  }
  nav a[aria-current='page'] .icon {
    color: var(--comet-accent-text);
  }
  .count {
    min-width: 18px;
    padding: 0 5px;
    border-radius: 999px;
    background: var(--comet-warning-soft);
    color: var(--comet-warning);
    font-size: var(--comet-font-size-2xs);
    font-weight: 700;
    line-height: 18px;
    text-align: center;
  }
  .loading {
    display: grid;
    gap: var(--comet-space-s);
  }
  .bar {
    height: 14px;
    border-radius: var(--comet-radius-s);
    background: var(--comet-surface-hover);
  }
  .bar.title {
    width: 240px;
    height: 22px;
  }
  .bar.short {
    width: 55%;
  }
  .failed {
    padding: var(--comet-space-l);
    border-inline-start: 3px solid var(--comet-danger);
  }
  .failed h2 {
    display: flex;
    align-items: center;
    gap: var(--comet-space-xs);
    margin-bottom: var(--comet-space-xs);
  }
  .failed h2 .icon {
    color: var(--comet-danger);
  }
  .failed p {
    margin: 0 0 var(--comet-space-m);
    color: var(--comet-text-quiet);
  }
  comet-database-callout {
    margin-bottom: var(--comet-space-m);
  }
  .missing {
    padding: var(--comet-space-l);
  }
  .missing p {
    margin: var(--comet-space-xs) 0 0;
  }
`;
