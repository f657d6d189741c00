// Styles shared by the views with sub-pages (Supervisor, Workflows) and their pages. Kept apart from
// shared-styles.ts, which the first screen loads: these load only with those views (about 1 KB gzipped saved).
import { css } from 'lit';

/**
 * A view with sub-pages (Supervisor, Workflows): the second-level navigation as a tab strip, the loading bars shown
 * while its services or a sub-page's code load, and the panels that say it could not start or has no such page.
 */
export const sectionedViewStyles = css`
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
  .failed,
  .missing {
    padding: var(--comet-space-l);
  }
  .failed {
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
  .failed p,
  .missing p {
    color: var(--comet-text-quiet);
  }
  comet-database-callout {
    margin-bottom: var(--comet-space-m);
  }
`;

/**
 * The parts of a module's sub-page (Supervisor, Workflows): a section header with actions, panel headers, status
 * chips, empty states and quiet meta text. Each module adds its own spacing and chip names on top.
 */
export const sectionStyles = css`
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
    align-items: flex-end;
    gap: var(--comet-space-m);
    margin-bottom: var(--comet-space-m);
  }
  .section-header > :first-child {
    flex: 1;
    min-width: 0;
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
    border-bottom: 1px solid var(--comet-border);
  }
  .panel-header h3 {
    flex: 1;
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
`;

/** A small square button holding one icon (close, previous, next, delete); greyed out while disabled. */
export const iconButtonStyles = css`
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
    font-size: 16px;
    cursor: pointer;
  }
  .icon-button:hover:not(:disabled) {
    background: var(--comet-surface-hover);
    color: var(--comet-text);
  }
  .icon-button:disabled {
    opacity: 0.4;
    cursor: default;
  }
`;
