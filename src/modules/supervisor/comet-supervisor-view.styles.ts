import { css } from 'lit';

/** What the supervisor's frame adds to sectionedViewStyles: a wide page, the pending count beside "Approvals". */
export const supervisorViewStyles = css`
  .page {
    max-width: 1240px;
  }
  .page-header {
    margin-bottom: var(--comet-space-m);
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
  .failed p {
    margin: 0 0 var(--comet-space-m);
  }
  .missing p {
    margin: var(--comet-space-xs) 0 0;
  }
`;
