/** The key vault's public API. */
export { Vault, type VaultOptions } from './vault.js';
export { tokensFromResponse } from './usage.js';
export { PBKDF2_ITERATIONS } from './crypto.js';
export { DEFAULT_HEADER } from './validate.js';
export { parseUrlPattern, urlMatches, globMatches } from './patterns.js';
export type * from './types.js';
