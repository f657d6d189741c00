import { css } from 'lit';

/** A policy card: title line, sentence and findings on the left; mode, switch and buttons on the right. */
export const policyCardStyles = css`
  .card {
    display: flex;
    gap: var(--comet-space-l);
    align-items: flex-start;
    padding: var(--comet-space-m) var(--comet-space-l);
  }
  .card.off .sentence {
    color: var(--comet-text-quiet);
  }
  .main {
    flex: 1;
    min-width: 0;
  }
  .title-line {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--comet-space-xs);
  }
  h3 {
    margin: 0;
    font-size: var(--comet-font-size-m);
    font-weight: 600;
  }
  .sentence {
    margin: var(--comet-space-3xs) 0 0;
  }
  .main > .meta {
    margin: var(--comet-space-3xs) 0 0;
  }
  .findings {
    margin-top: var(--comet-space-s);
    padding: var(--comet-space-xs) var(--comet-space-s);
    border-radius: var(--comet-radius-m);
    background: var(--comet-surface-sunken);
    font-size: var(--comet-font-size-s);
  }
  .findings.some {
    background: var(--comet-warning-soft);
  }
  .findings .count {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px;
    margin: 0;
  }
  .findings.some .count .icon {
    color: var(--comet-warning);
  }
  .findings ul {
    display: grid;
    gap: 2px;
    margin: var(--comet-space-3xs) 0 0;
    padding-inline-start: 22px;
    list-style: none;
    overflow-wrap: anywhere;
  }
  .controls {
    display: flex;
    flex: none;
    flex-direction: column;
    align-items: flex-end;
    gap: var(--comet-space-xs);
  }
  wa-radio-group::part(form-control-label) {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
  }
  .buttons {
    display: flex;
    align-items: center;
    gap: var(--comet-space-xs);
  }
  .buttons wa-switch {
    margin-inline-end: var(--comet-space-xs);
  }
  .error-text {
    margin: var(--comet-space-xs) 0 0;
  }
  @media (max-width: 720px) {
    .card {
      flex-direction: column;
    }
    .controls {
      flex-direction: row;
      flex-wrap: wrap;
      align-items: center;
    }
  }
`;
