import { css } from 'lit';

/** The Grants page: one panel per principal, a row per grant with its sentence, state and Revoke. */
export const grantsStyles = css`
  .panel-header h3 code {
    font-size: var(--comet-font-size-m);
  }
  .panel-header h3 {
    flex: none;
  }
  .panel-header .count {
    margin-inline-start: auto;
  }
  .form-panel {
    margin-bottom: var(--comet-space-m);
    border-color: color-mix(in oklab, var(--comet-accent) 40%, var(--comet-border));
  }
  ul.grants {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .grant {
    display: flex;
    align-items: center;
    gap: var(--comet-space-m);
    padding: var(--comet-space-s) var(--comet-space-l);
  }
  .grant + .grant {
    border-top: 1px solid var(--comet-border);
  }
  .sentence {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .grant.expired .sentence,
  .grant.used .sentence {
    color: var(--comet-text-quiet);
    text-decoration: line-through;
    text-decoration-color: color-mix(in oklab, currentColor 40%, transparent);
  }
  .grant .meta {
    margin: 2px 0 0;
  }
  .note {
    font-style: italic;
  }
  .none {
    margin: 0;
    padding: var(--comet-space-s) var(--comet-space-l);
    color: var(--comet-text-quiet);
    font-size: var(--comet-font-size-s);
  }
  .group + .group,
  .error-text + .group {
    margin-top: var(--comet-space-m);
  }
  @media (max-width: 720px) {
    .grant {
      flex-wrap: wrap;
    }
  }
`;
