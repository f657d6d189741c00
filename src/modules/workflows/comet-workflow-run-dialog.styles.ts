import { css } from 'lit';

/** The run dialog: inputs, grants and the engine's whereabouts, then the buttons that start the run. */
export const runDialogStyles = css`
  wa-dialog {
    --width: 640px;
  }
  wa-dialog::part(body) {
    display: grid;
    gap: var(--comet-space-l);
  }
  section {
    display: grid;
    gap: var(--comet-space-xs);
  }
  h3 {
    color: var(--comet-text-faint);
    font-size: var(--comet-font-size-2xs);
    letter-spacing: 0.05em;
    text-transform: uppercase;
  }
  p {
    margin: 0;
  }
  .notice {
    display: flex;
    align-items: flex-start;
    gap: var(--comet-space-s);
    padding: var(--comet-space-s) var(--comet-space-m);
    border-radius: var(--comet-radius-m);
    background: var(--comet-warning-soft);
    color: var(--comet-text);
    font-size: var(--comet-font-size-s);
  }
  .notice .icon {
    flex: none;
    margin-top: 2px;
    color: var(--comet-warning);
  }
  .notice.bad {
    background: var(--comet-danger-soft);
  }
  .notice.bad .icon {
    color: var(--comet-danger);
  }
  .summary {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--comet-space-xs);
    font-size: var(--comet-font-size-s);
  }
  ul.scopes {
    display: grid;
    margin: 0;
    padding: 0;
    border: 1px solid var(--comet-border);
    border-radius: var(--comet-radius-m);
    list-style: none;
  }
  ul.scopes li {
    display: flex;
    align-items: baseline;
    gap: var(--comet-space-s);
    padding: 6px var(--comet-space-s);
  }
  ul.scopes li + li {
    border-top: 1px solid var(--comet-border);
  }
  ul.scopes code {
    flex: 1;
    min-width: 0;
    font-size: var(--comet-font-size-xs);
    overflow-wrap: anywhere;
  }
  .steps {
    color: var(--comet-text-quiet);
    font-size: var(--comet-font-size-xs);
    white-space: nowrap;
  }
  .note {
    color: var(--comet-text-quiet);
    font-size: var(--comet-font-size-s);
  }
  .denied {
    color: var(--comet-warning);
    font-size: var(--comet-font-size-s);
  }
  .engine {
    display: flex;
    align-items: center;
    gap: var(--comet-space-xs);
    color: var(--comet-text-quiet);
    font-size: var(--comet-font-size-s);
  }
  .dot {
    flex: none;
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: var(--comet-text-faint);
  }
  .engine.leader .dot,
  .engine.follower .dot {
    background: var(--comet-success);
  }
  .engine.starting .dot {
    background: var(--comet-warning);
  }
  .engine.unavailable .dot {
    background: var(--comet-danger);
  }
  .footer .error {
    flex: 1 1 100%;
    padding: var(--comet-space-3xs) var(--comet-space-s);
    border-inline-start: 3px solid var(--comet-danger);
    color: var(--comet-danger);
    font-size: var(--comet-font-size-s);
    text-align: start;
  }
  .footer {
    display: flex;
    flex-wrap: wrap;
    justify-content: end;
    gap: var(--comet-space-xs);
    width: 100%;
  }
  .footer .keys {
    flex: 1;
    align-self: center;
    white-space: nowrap;
    color: var(--comet-text-faint);
    font-size: var(--comet-font-size-xs);
  }
  kbd {
    font-size: var(--comet-font-size-2xs);
  }
`;
