/**
 * Principals are issued by the host, never claimed by a caller. The registry remembers the exact objects it issued
 * (a WeakSet), so a caller that builds `{ id: 'workflow:other', … }` itself, or receives a copy through postMessage,
 * holds something the supervisor refuses: knowing another principal's name is not enough to act as it.
 */
import { CometError } from '../errors.js';
import { matchesGlob } from './paths.js';
import type { Principal, PrincipalId, PrincipalKind } from './types.js';

/** Every principal kind, in the order the UI lists them. */
export const PRINCIPAL_KINDS: readonly PrincipalKind[] = ['module', 'plugin', 'workflow', 'agent', 'external', 'probe'];

/** A principal's name: letters, digits, '.', '_' and '-', starting and ending with a letter or digit. */
const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,126}[A-Za-z0-9])?$/;

/** Why `id` is not a well-formed principal id ('kind:name'), or undefined when it is. */
export function principalIdProblem(id: unknown): string | undefined {
  if (typeof id !== 'string') return 'a principal id must be a string';
  const colon = id.indexOf(':');
  if (colon < 0) return 'a principal id is kind:name, e.g. workflow:daily-digest';
  const kind = id.slice(0, colon);
  if (!PRINCIPAL_KINDS.includes(kind as PrincipalKind))
    return `its kind "${kind}" is not one of ${PRINCIPAL_KINDS.join(', ')}`;
  if (!NAME.test(id.slice(colon + 1)))
    return 'its name must be 1–128 letters, digits, ".", "_" or "-", starting and ending with a letter or digit';
  return undefined;
}

/** Why `pattern` is not a principal pattern (an id, 'kind:*', a name glob like 'plugin:acme-*', or '*'), or undefined. */
export function principalPatternProblem(pattern: unknown): string | undefined {
  if (pattern === '*') return undefined;
  if (typeof pattern !== 'string') return 'a principal pattern must be a string';
  if (!pattern.includes('*')) return principalIdProblem(pattern);
  const colon = pattern.indexOf(':');
  const kind = colon < 0 ? pattern : pattern.slice(0, colon);
  if (!PRINCIPAL_KINDS.includes(kind as PrincipalKind))
    return `a pattern names a kind (one of ${PRINCIPAL_KINDS.join(', ')}) then a name glob, e.g. workflow:*`;
  const name = pattern.slice(colon + 1);
  if (!/^[A-Za-z0-9._*-]{1,128}$/.test(name)) return 'its name glob may hold letters, digits, ".", "_", "-" and "*"';
  return undefined;
}

/** True when principal `id` matches `pattern` (an exact id or a glob). */
export function principalMatches(pattern: string, id: PrincipalId): boolean {
  return pattern === id || (pattern.includes('*') && matchesGlob(pattern, id));
}

/** A short, safe description of whatever a caller passed as a principal, for error messages. */
function describe(value: unknown): string {
  if (typeof value !== 'object' || value === null) return String(value);
  const id = Object.getOwnPropertyDescriptor(value, 'id')?.value as unknown;
  return typeof id === 'string' ? `"${id.slice(0, 140)}"` : '(an object without an id)';
}

/** Issues principals and recognises the objects it issued. */
export class PrincipalRegistry {
  readonly #issued = new WeakSet<object>();
  readonly #byId = new Map<PrincipalId, Principal>();

  /** Issues the principal `kind:name` (frozen). Throws principal-invalid, or principal-taken if it is already issued. */
  issue(kind: PrincipalKind, name: string, label: string = name): Principal {
    const id = `${kind}:${name}`;
    const problem = principalIdProblem(id);
    if (problem) throw new CometError('principal-invalid', { id, reason: problem });
    if (this.#byId.has(id as PrincipalId)) throw new CometError('principal-taken', { id });
    const principal: Principal = Object.freeze({ id: id as PrincipalId, kind, label: String(label) });
    this.#issued.add(principal);
    this.#byId.set(principal.id, principal);
    return principal;
  }

  /** The issued principal with this id, if any (host code looks principals up; callers never pass ids). */
  get(id: string): Principal | undefined {
    return this.#byId.get(id as PrincipalId);
  }

  /** Every issued principal, in issue order. */
  list(): Principal[] {
    return [...this.#byId.values()];
  }

  /** Withdraws a principal (a plugin uninstalled, a probe finished): its object is refused from now on. */
  revoke(principal: Principal): void {
    if (this.#byId.get(principal.id) === principal) this.#byId.delete(principal.id);
    this.#issued.delete(principal);
  }

  /** True when `value` is a principal this registry issued and has not revoked. */
  isIssued(value: unknown): value is Principal {
    return typeof value === 'object' && value !== null && this.#issued.has(value);
  }

  /** Throws principal-not-issued, naming what was passed, unless `value` is a principal this registry issued. */
  assertIssued(value: unknown): asserts value is Principal {
    if (!this.isIssued(value)) throw new CometError('principal-not-issued', { principal: describe(value) });
  }
}
