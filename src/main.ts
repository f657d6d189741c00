// The page's entry point: the design tokens, Web Awesome's icons from our own origin, then the shell.
// Everything else (views, the database, the inspector) loads from the shell, lazily where it can.
import './ui/comet-app.js';
import { adoptThemeStyles } from './ui/theme.js';
import { useLocalIcons } from './ui/webawesome.js';

// Runs before the shell's first render (a microtask after this module), so the first paint is themed.
adoptThemeStyles();
useLocalIcons();
