import { createContext } from '@lit/context';
import type { Platform } from './platform.js';

/**
 * The platform's services, provided by <comet-app> to every element below it:
 * `@consume({ context: platformContext, subscribe: true }) @state() accessor platform: Platform | undefined`.
 * Typed with undefined because an element outside a provider gets none.
 */
export const platformContext = createContext<Platform | undefined>(Symbol('comet-platform'));
