// How whole-app tests find things in the shell: by role and accessible name only (playwright's role
// selectors pierce shadow roots), so the tests hold as long as the UI stays accessible.
import type { Locator, Page } from 'playwright-core';

/** The main navigation. */
export const mainNav = (page: Page): Locator => page.getByRole('navigation', { name: /main|modules|primary/i });

/** Each view's entry in the main navigation, in order. */
export const navLinks = (page: Page): Locator => mainNav(page).getByRole('link');

/** The routed content area. */
export const content = (page: Page): Locator => page.getByRole('main');

/** The heading of the view named `title` (the name of its navigation entry). */
export const viewHeading = (page: Page, title: string | RegExp): Locator =>
  content(page).getByRole('heading', { name: title, level: 1 });

/** Waits until the view named `title` shows. */
export async function viewShows(page: Page, title: string | RegExp): Promise<void> {
  await viewHeading(page, title).waitFor({ state: 'visible' });
}

/** The names and targets of every navigation entry. */
export async function navEntries(page: Page): Promise<Array<{ title: string; href: string }>> {
  const links = navLinks(page);
  await links.first().waitFor();
  const entries: Array<{ title: string; href: string }> = [];
  for (const link of await links.all()) {
    entries.push({
      title: (await link.innerText()).trim().split('\n')[0].trim(),
      href: (await link.getAttribute('href')) ?? '',
    });
  }
  return entries;
}

/** Opens every view through its navigation entry and calls `visit` on each. */
export async function forEachView(page: Page, visit: (title: string) => void | Promise<void>): Promise<string[]> {
  const titles: string[] = [];
  for (const { title } of await navEntries(page)) {
    await navLinks(page).filter({ hasText: title }).first().click();
    await viewShows(page, title);
    // A view that loads its page lazily shows placeholders first: visit what the user will see.
    await content(page).locator('[aria-busy="true"]').first().waitFor({ state: 'hidden' });
    await visit(title);
    titles.push(title);
  }
  return titles;
}

/** Picks a theme in Settings › Appearance (opening Settings through the navigation). */
export async function chooseTheme(page: Page, theme: 'System' | 'Light' | 'Dark'): Promise<void> {
  await mainNav(page).getByRole('link', { name: 'Settings' }).first().click();
  await viewShows(page, 'Settings');
  await content(page).getByRole('radio', { name: theme, exact: true }).click();
}

/** Whether the page shows the dark theme. */
export const isDark = (page: Page): Promise<boolean> =>
  page.evaluate(() => document.documentElement.classList.contains('wa-dark'));
