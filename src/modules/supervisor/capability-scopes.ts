/**
 * The scopes a capability needs, for people: a capability computes them from each input (http.request needs the
 * net scope of its URL), so the registry list asks it with an empty input first, then with an example input built
 * from its schema, and says which of the two it was.
 */
import type { AnyCapability, JsonSchema } from '../../core/capabilities/index.js';

/** The scopes a capability needs: the same for every input, or an example for one input. */
export interface ScopeSummary {
  scopes: string[];
  /** True when the scopes depend on the input (and `scopes` is an example). */
  dependsOnInput: boolean;
}

/** What `capability` needs: fixed scopes, an example, or nothing known (both attempts threw). */
export function scopeSummary(capability: AnyCapability): ScopeSummary | undefined {
  const fixed = attempt(capability, {});
  const example = attempt(capability, exampleInput(capability.inputSchema));
  if (fixed && example && same(fixed, example)) return { scopes: fixed, dependsOnInput: false };
  if (example) return { scopes: example, dependsOnInput: true };
  if (fixed) return { scopes: fixed, dependsOnInput: true };
  return undefined;
}

function attempt(capability: AnyCapability, input: unknown): string[] | undefined {
  try {
    const scopes = capability.scopes(input);
    return Array.isArray(scopes) ? scopes.map(String) : undefined;
  } catch {
    return undefined; // this input is not one the capability accepts: no scopes to show for it
  }
}

const same = (a: string[], b: string[]) => a.length === b.length && a.every((s, i) => s === b[i]);

/** A minimal input that satisfies the required properties of an object schema (URLs point at example.com). */
export function exampleInput(schema: JsonSchema): Record<string, unknown> {
  if (typeof schema !== 'object') return {};
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  return Object.fromEntries(required.map((name) => [name, exampleValue(properties[name])]));
}

function exampleValue(schema: JsonSchema | undefined): unknown {
  if (typeof schema !== 'object') return 'example';
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  switch (schema.type) {
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object':
      return exampleInput(schema);
    default:
      return schema.format === 'uri' || (typeof schema.pattern === 'string' && schema.pattern.includes('http'))
        ? 'https://api.example.com/'
        : 'example';
  }
}
