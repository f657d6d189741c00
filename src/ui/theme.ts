// The one set of design tokens (colour, type, space, radius, motion) for light and dark, applied on the
// document element so every shadow root inherits them. Web Awesome's own tokens are mapped onto ours, so its
// controls and our views share one palette. Its dark mode is the `wa-dark` class on <html>.
import { css, type CSSResult } from 'lit';

/** What the user picked in Settings › Appearance. */
export type ThemePreference = 'system' | 'light' | 'dark';

/** The tokens: `--comet-*` for our elements, plus Web Awesome's mapped onto them. */
export const themeStyles: CSSResult = css`
  :root {
    color-scheme: light;
    background-color: var(--comet-bg);
    color: var(--comet-text);
    --comet-font-sans: ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', sans-serif;
    --comet-font-mono: ui-monospace, 'SF Mono', 'Cascadia Code', 'JetBrains Mono', Menlo, Consolas, monospace;
    --comet-font-size-2xs: 0.6875rem;
    --comet-font-size-xs: 0.75rem;
    --comet-font-size-s: 0.8125rem;
    --comet-font-size-m: 0.875rem;
    --comet-font-size-l: 1rem;
    --comet-font-size-xl: 1.25rem;
    --comet-font-size-2xl: 1.5rem;
    --comet-line-height: 1.5;
    --comet-space-3xs: 2px;
    --comet-space-2xs: 4px;
    --comet-space-xs: 8px;
    --comet-space-s: 12px;
    --comet-space-m: 16px;
    --comet-space-l: 24px;
    --comet-space-xl: 32px;
    --comet-space-2xl: 48px;
    --comet-radius-s: 4px;
    --comet-radius-m: 6px;
    --comet-radius-l: 10px;
    --comet-header-height: 48px;
    --comet-statusbar-height: 26px;
    --comet-sidebar-width: 232px;
    --comet-duration: 150ms;
    --comet-easing: cubic-bezier(0.2, 0, 0, 1);

    --comet-bg: #f6f7fb;
    --comet-sidebar: #eff1f6;
    --comet-surface: #ffffff;
    --comet-surface-sunken: #f1f2f6;
    --comet-surface-hover: #e8eaf1;
    --comet-border: #e1e4eb;
    --comet-border-strong: #c9cdd8;
    --comet-text: #1b1d26;
    --comet-text-quiet: #5a5f70;
    --comet-text-faint: #646979;
    --comet-accent: #4f51e0;
    --comet-accent-text: #3d3fc4;
    --comet-accent-soft: #eceeff;
    --comet-on-accent: #ffffff;
    --comet-success: #15753a;
    --comet-success-soft: #e7f6ec;
    --comet-warning: #a04a08;
    --comet-warning-soft: #fdf3e3;
    --comet-danger: #c42b3c;
    --comet-danger-soft: #fdecee;
    --comet-shadow-s: 0 1px 2px rgb(16 18 25 / 0.06), 0 1px 1px rgb(16 18 25 / 0.04);
    --comet-shadow-m: 0 8px 24px rgb(16 18 25 / 0.12), 0 2px 6px rgb(16 18 25 / 0.08);
    --comet-focus-ring: 2px solid var(--comet-accent);
    --comet-focus-offset: 2px;

    --wa-font-family-body: var(--comet-font-sans);
    --wa-font-family-code: var(--comet-font-mono);
    --wa-color-surface-default: var(--comet-surface);
    --wa-color-surface-raised: var(--comet-surface);
    --wa-color-surface-lowered: var(--comet-surface-sunken);
    --wa-color-surface-border: var(--comet-border);
    --wa-color-text-normal: var(--comet-text);
    --wa-color-text-quiet: var(--comet-text-quiet);
    --wa-color-text-link: var(--comet-accent-text);
    --wa-color-focus: var(--comet-accent);
    --wa-color-brand-95: var(--wa-color-indigo-95);
    --wa-color-brand-90: var(--wa-color-indigo-90);
    --wa-color-brand-80: var(--wa-color-indigo-80);
    --wa-color-brand-70: var(--wa-color-indigo-70);
    --wa-color-brand-60: var(--wa-color-indigo-60);
    --wa-color-brand-50: var(--wa-color-indigo-50);
    --wa-color-brand-40: var(--wa-color-indigo-40);
    --wa-color-brand-30: var(--wa-color-indigo-30);
    --wa-color-brand-20: var(--wa-color-indigo-20);
    --wa-color-brand-10: var(--wa-color-indigo-10);
    --wa-color-brand-05: var(--wa-color-indigo-05);
    --wa-color-brand: var(--wa-color-indigo);
    --wa-form-control-border-color: var(--comet-border-strong);
    --wa-focus-ring-width: 2px;
    --wa-border-radius-m: var(--comet-radius-m);
    --wa-panel-border-radius: var(--comet-radius-l);
  }

  :root.wa-dark {
    color-scheme: dark;
    --comet-bg: #111319;
    --comet-sidebar: #0d0f14;
    --comet-surface: #181b23;
    --comet-surface-sunken: #14161d;
    --comet-surface-hover: #222633;
    --comet-border: #262a36;
    --comet-border-strong: #373c4c;
    --comet-text: #e4e6ee;
    --comet-text-quiet: #9a9fb2;
    --comet-text-faint: #7f8498;
    --comet-accent: #7c83ff;
    --comet-accent-text: #a3a9ff;
    --comet-accent-soft: rgb(124 131 255 / 0.16);
    --comet-on-accent: #0d0a3a;
    --comet-success: #4ade80;
    --comet-success-soft: rgb(74 222 128 / 0.12);
    --comet-warning: #fbbf24;
    --comet-warning-soft: rgb(251 191 36 / 0.12);
    --comet-danger: #f87171;
    --comet-danger-soft: rgb(248 113 113 / 0.13);
    --comet-shadow-s: 0 1px 2px rgb(0 0 0 / 0.4);
    --comet-shadow-m: 0 12px 32px rgb(0 0 0 / 0.5), 0 2px 6px rgb(0 0 0 / 0.4);
  }

  @media (prefers-reduced-motion: reduce) {
    :root {
      --comet-duration: 0ms;
      --wa-transition-slow: 0ms;
      --wa-transition-normal: 0ms;
      --wa-transition-fast: 0ms;
    }
  }
`;

/** The scheme a preference resolves to, given whether the system asks for dark. */
export function resolveTheme(preference: ThemePreference, systemDark: boolean): 'light' | 'dark' {
  return preference === 'system' ? (systemDark ? 'dark' : 'light') : preference;
}

/** Adopts the tokens into `doc` once (a constructed stylesheet: allowed by `style-src 'self'`). */
export function adoptThemeStyles(doc: Document = document): void {
  const sheet = themeStyles.styleSheet;
  if (sheet && !doc.adoptedStyleSheets.includes(sheet)) doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
}

/** Puts `root` in light or dark mode: Web Awesome's classes, and a data attribute for tests and CSS. */
export function applyTheme(scheme: 'light' | 'dark', root: HTMLElement = document.documentElement): void {
  root.classList.toggle('wa-dark', scheme === 'dark');
  root.classList.toggle('wa-light', scheme === 'light');
  root.dataset.theme = scheme;
}
