/**
 * The grammar of capability names, and their mapping to LLM tool names.
 *
 * A name is dot-separated segments: a lowercase namespace (`http`, `kv`, `plugin`) then one or more segments of
 * letters, digits, '-' and single '_' (`request`, `search_all`); `plugin.<id>.<fn>` has exactly three. The flow
 * steps `wait` and `condition` are the only names without a namespace (BARE_NAMES). OpenAI
 * function names allow only [a-zA-Z0-9_-]{1,64}, so a tool name replaces each '.' with '__'; segments never hold
 * '__' or end in '_', which keeps the mapping reversible.
 */
import { CometError } from '../errors.js';

/** Longest capability name accepted. */
export const MAX_NAME_LENGTH = 128;
const NAMESPACE = /^[a-z][a-z0-9-]*$/;
const SEGMENT = /^[a-zA-Z][a-zA-Z0-9_-]*$/;
/** The workflow flow steps, named without a namespace as workflow files write them; no other name may be bare. */
export const BARE_NAMES: ReadonlySet<string> = new Set(['wait', 'condition']);

/** Why `name` is not a valid capability name, or undefined when it is. */
export function nameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || name === '') return 'a name must be a non-empty string';
  if (name.length > MAX_NAME_LENGTH) return `it is longer than ${MAX_NAME_LENGTH} characters`;
  const segments = name.split('.');
  if (segments.length < 2 && !BARE_NAMES.has(name)) return 'it needs a namespace and a name, separated by a dot';
  if (!NAMESPACE.test(segments[0])) return `its namespace "${segments[0]}" must be lowercase letters, digits and '-'`;
  for (const segment of segments.slice(1)) {
    if (!SEGMENT.test(segment))
      return `"${segment}" must start with a letter and hold only letters, digits, '-' and '_'`;
    if (segment.includes('__') || segment.endsWith('_')) return `"${segment}" may not hold '__' or end with '_'`;
  }
  if (segments[0] === 'plugin' && segments.length !== 3) return 'plugin capabilities are named plugin.<id>.<function>';
  return undefined;
}

/** Throws 'capability-name' unless `name` follows the grammar. */
export function assertCapabilityName(name: unknown): asserts name is string {
  const reason = nameProblem(name);
  if (reason) throw new CometError('capability-name', { name: String(name), reason });
}

/** Longest OpenAI function name. */
export const MAX_TOOL_NAME_LENGTH = 64;

/**
 * The OpenAI tool name of a capability: dots become '__'; a result over 64 characters keeps its first 55 and
 * ends with '_' and 8 hex digits of a hash of the whole name, so it stays deterministic and distinct.
 */
export function toolName(capability: string): string {
  const mapped = capability.replaceAll('.', '__');
  if (mapped.length <= MAX_TOOL_NAME_LENGTH) return mapped;
  return `${mapped.slice(0, MAX_TOOL_NAME_LENGTH - 9)}_${fnv1a(capability)}`;
}

/** 32-bit FNV-1a of a string's UTF-16 code units, as 8 hex digits. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
