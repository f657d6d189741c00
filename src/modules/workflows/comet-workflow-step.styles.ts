import { css } from 'lit';

/** One step card: a header that opens it, and its form in sections. */
export const stepStyles = css`
  :host {
    display: block;
  }
  .step {
    border: 1px solid var(--comet-border);
    border-radius: var(--comet-radius-l);
    background: var(--comet-surface);
    box-shadow: var(--comet-shadow-s);
  }
  .step.has-problems {
    border-inline-start: 3px solid var(--comet-danger);
  }
  :host([expanded]) .step {
    border-color: color-mix(in oklab, var(--comet-accent) 35%, var(--comet-border));
  }
  .head {
    display: flex;
    align-items: center;
    gap: var(--comet-space-2xs);
    padding-inline-end: var(--comet-space-xs);
  }
  .toggle {
    display: flex;
    flex: 1;
    align-items: center;
    gap: var(--comet-space-s);
    min-width: 0;
    padding: var(--comet-space-s) var(--comet-space-m);
    border: 0;
    border-radius: var(--comet-radius-l);
    background: none;
    color: inherit;
    font: inherit;
    text-align: start;
    cursor: pointer;
  }
  .toggle:hover .name {
    color: var(--comet-accent-text);
  }
  .number {
    display: grid;
    flex: none;
    place-items: center;
    width: 24px;
    height: 24px;
    border-radius: 999px;
    background: var(--comet-accent-soft);
    color: var(--comet-accent-text);
    font-size: var(--comet-font-size-xs);
    font-weight: 700;
  }
  .names {
    display: grid;
    flex: 1;
    min-width: 0;
  }
  .name {
    overflow: hidden;
    font-weight: 600;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .what {
    overflow: hidden;
    color: var(--comet-text-quiet);
    font-size: var(--comet-font-size-xs);
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .chevron {
    display: grid;
    color: var(--comet-text-faint);
    transition: transform var(--comet-duration) var(--comet-easing);
  }
  :host([expanded]) .chevron {
    transform: rotate(90deg);
  }
  .tools {
    display: flex;
    gap: 2px;
  }
  .body {
    display: grid;
    gap: 0;
    border-top: 1px solid var(--comet-border);
  }
  .body > section {
    display: grid;
    gap: var(--comet-space-s);
    padding: var(--comet-space-m);
  }
  .body > section + section {
    border-top: 1px solid var(--comet-border);
  }
  h3 {
    margin: 0;
    color: var(--comet-text-faint);
    font-size: var(--comet-font-size-2xs);
    font-weight: 600;
    letter-spacing: 0.05em;
    text-transform: uppercase;
  }
  .pills {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
  }
  .pill {
    height: 26px;
    padding: 0 var(--comet-space-xs);
    border: 1px solid var(--comet-border);
    border-radius: 999px;
    background: var(--comet-surface);
    color: var(--comet-text-quiet);
    font-family: var(--comet-font-mono);
    font-size: var(--comet-font-size-xs);
    cursor: pointer;
  }
  .pill:hover:not(:disabled) {
    border-color: var(--comet-border-strong);
    color: var(--comet-text);
  }
  .pill[aria-pressed='true'] {
    border-color: color-mix(in oklab, var(--comet-accent) 50%, var(--comet-border));
    background: var(--comet-accent-soft);
    color: var(--comet-accent-text);
    font-weight: 600;
  }
  .pill:disabled {
    cursor: default;
  }
  .via {
    font-family: var(--comet-font-sans);
    font-weight: 400;
  }
`;
