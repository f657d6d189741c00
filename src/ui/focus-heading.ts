import type { LitElement } from 'lit';

/**
 * After a navigation into a view with sections (Settings, Supervisor): focuses the section's heading when the
 * link named a section ('#/settings/storage'), else the view's own. Screen readers then announce where the
 * user landed, and the keyboard continues from there.
 */
export async function focusSectionHeading(root: ParentNode, namedSection: boolean): Promise<void> {
  const section = root.querySelector<LitElement>('.content > *');
  if (namedSection && section) {
    await section.updateComplete;
    const h2 = (section.shadowRoot ?? section).querySelector<HTMLElement>('h2');
    if (h2) {
      h2.tabIndex = -1;
      h2.focus();
      return;
    }
  }
  root.querySelector<HTMLElement>('h1')?.focus();
}
