import { css } from 'lit';

/** The approval dock: a raised panel in the lower right corner, above the status bar; a pill when minimised. */
export const approvalPromptStyles = css`
  :host {
    position: fixed;
    right: var(--comet-space-m);
    bottom: calc(var(--comet-statusbar-height) + var(--comet-space-s));
    z-index: 60;
    display: block;
    width: min(460px, calc(100vw - 2 * var(--comet-space-m)));
    pointer-events: none;
  }
  .dock,
  .pill {
    pointer-events: auto;
  }
  .dock {
    display: flex;
    flex-direction: column;
    max-height: calc(100dvh - var(--comet-header-height) - var(--comet-statusbar-height) - 2 * var(--comet-space-m));
    overflow: auto;
    padding: var(--comet-space-s) var(--comet-space-m) var(--comet-space-m);
    border: 1px solid var(--comet-border-strong);
    border-top: 3px solid var(--comet-warning);
    border-radius: var(--comet-radius-l);
    background: var(--comet-surface);
    box-shadow: var(--comet-shadow-m);
    animation: rise var(--comet-duration) var(--comet-easing);
  }
  header {
    display: flex;
    align-items: center;
    gap: var(--comet-space-xs);
    margin-bottom: var(--comet-space-s);
  }
  .badge {
    display: grid;
    place-items: center;
    width: 26px;
    height: 26px;
    border-radius: var(--comet-radius-m);
    background: var(--comet-warning-soft);
    color: var(--comet-warning);
  }
  h2 {
    flex: 1;
    margin: 0;
    font-size: var(--comet-font-size-m);
    font-weight: 650;
  }
  .pager {
    display: flex;
    align-items: center;
    gap: 2px;
  }
  .position {
    min-width: 48px;
    color: var(--comet-text-quiet);
    font-size: var(--comet-font-size-s);
    font-variant-numeric: tabular-nums;
    text-align: center;
  }
  .hint {
    margin: var(--comet-space-s) 0 0;
    color: var(--comet-text-faint);
    font-size: var(--comet-font-size-xs);
  }
  .pill {
    display: flex;
    align-items: center;
    gap: var(--comet-space-xs);
    width: fit-content;
    margin-inline-start: auto;
    height: 36px;
    padding: 0 var(--comet-space-m);
    border: 1px solid var(--comet-border-strong);
    border-radius: 999px;
    background: var(--comet-surface);
    box-shadow: var(--comet-shadow-m);
    color: var(--comet-warning);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  @keyframes rise {
    from {
      opacity: 0;
      transform: translateY(8px);
    }
  }
`;
