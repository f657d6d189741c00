// JSON for the inspector: never throws (cycles, BigInt, functions), and previews stay short.

/** `value` as indented JSON; cycles, BigInts, functions and undefined are shown instead of failing. */
export function toJson(value: unknown, indent = 2): string {
  const seen = new WeakSet<object>();
  const text = JSON.stringify(
    value,
    (_key, v: unknown) => {
      if (typeof v === 'bigint') return `${v}n`;
      if (typeof v === 'function') return `[function ${v.name || 'anonymous'}]`;
      if (v instanceof Map) return Object.fromEntries(v as Map<unknown, unknown>) as unknown;
      if (v instanceof Set) return [...(v as Set<unknown>)];
      if (v instanceof Error) return { name: v.name, message: v.message };
      if (typeof v === 'object' && v !== null) {
        if (seen.has(v)) return '[circular]';
        seen.add(v);
      }
      return v;
    },
    indent,
  );
  return text ?? 'undefined';
}

/** A one-line preview of `value`, cut to `max` characters. */
export function preview(value: unknown, max = 160): string {
  const text = toJson(value, 0);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
