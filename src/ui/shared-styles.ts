// Styles shared by the shell's elements and views; every value comes from the tokens in theme.ts.
import { css } from 'lit';

/** Type, focus rings and small helpers every element wants. */
export const baseStyles = css`
  :host {
    font-family: var(--comet-font-sans);
    font-size: var(--comet-font-size-m);
    line-height: var(--comet-line-height);
    color: var(--comet-text);
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  :focus-visible {
    outline: var(--comet-focus-ring);
    outline-offset: var(--comet-focus-offset);
  }
  a {
    color: var(--comet-accent-text);
    text-decoration-color: color-mix(in oklab, currentColor 40%, transparent);
    text-underline-offset: 2px;
  }
  a:hover {
    text-decoration-color: currentColor;
  }
  kbd {
    display: inline-block;
    min-width: 1.6em;
    padding: 0 0.4em;
    border: 1px solid var(--comet-border-strong);
    border-bottom-width: 2px;
    border-radius: var(--comet-radius-s);
    background: var(--comet-surface);
    color: var(--comet-text-quiet);
    font-family: var(--comet-font-sans);
    font-size: var(--comet-font-size-2xs);
    font-weight: 600;
    line-height: 1.6;
    text-align: center;
  }
  .icon {
    flex: none;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  code,
  .mono {
    font-family: var(--comet-font-mono);
    font-size: 0.92em;
  }
`;

/** The frame of a routed view: a centred column with a page heading, and panels for its sections. */
export const viewStyles = css`
  :host {
    display: block;
  }
  .page {
    max-width: 980px;
    margin: 0 auto;
    padding: var(--comet-space-xl) var(--comet-space-xl) var(--comet-space-2xl);
  }
  .page-header {
    margin-bottom: var(--comet-space-l);
  }
  h1 {
    margin: 0;
    font-size: var(--comet-font-size-2xl);
    font-weight: 650;
    letter-spacing: -0.015em;
    line-height: 1.25;
  }
  /* Headings take focus after a navigation (for screen readers and the keyboard); they are not controls. */
  h1[tabindex='-1']:focus,
  h2[tabindex='-1']:focus {
    outline: none;
  }
  .lede {
    margin: var(--comet-space-2xs) 0 0;
    color: var(--comet-text-quiet);
  }
  h2 {
    margin: 0;
    font-size: var(--comet-font-size-l);
    font-weight: 600;
    letter-spacing: -0.005em;
  }
  h3 {
    margin: 0;
    font-size: var(--comet-font-size-m);
    font-weight: 600;
  }
  .panel {
    background: var(--comet-surface);
    border: 1px solid var(--comet-border);
    border-radius: var(--comet-radius-l);
    box-shadow: var(--comet-shadow-s);
  }
  .quiet {
    color: var(--comet-text-quiet);
  }
  @media (max-width: 720px) {
    .page {
      padding: var(--comet-space-l) var(--comet-space-m);
    }
  }
`;
