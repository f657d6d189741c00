/** The audit log's public API: the hash-chained log, its vocabulary, and the chain's hashing for verifiers. */
export { AuditLog, AUDIT_HEAD_KEY, type AuditLogOptions } from './audit-log.js';
export { GENESIS_HASH, entryHash, sha256Hex } from './chain.js';
export { canonicalJson } from './canonical-json.js';
export { historyFromAudit } from './history.js';
export * from './types.js';
