/**
 * How a JSON Schema becomes form fields: which kind of field a schema gets, its label and help, how typed text is
 * read back as a value (a number field may hold a `{{reference}}` instead of a number), and which variant of a
 * oneOf/anyOf a value belongs to.
 */
import { validate, type JsonSchema } from '../../core/capabilities/index.js';

/** The kinds of field the generated form draws. */
export type FieldKind = 'text' | 'number' | 'boolean' | 'enum' | 'const' | 'object' | 'array' | 'choice' | 'json';

type SchemaObject = { readonly [keyword: string]: unknown };

const asObject = (schema: JsonSchema | undefined): SchemaObject =>
  typeof schema === 'object' && schema !== null ? schema : {};

/** The kind of field for `schema`; shapes the form cannot draw fall back to a JSON field. */
export function fieldKind(schema: JsonSchema | undefined): FieldKind {
  const s = asObject(schema);
  if (s.const !== undefined) return 'const';
  if (Array.isArray(s.enum) && s.enum.length) return 'enum';
  if (Array.isArray(s.oneOf) || Array.isArray(s.anyOf)) return variants(schema).length ? 'choice' : 'json';
  const type: unknown = Array.isArray(s.type) ? (s.type as unknown[]).filter((t) => t !== 'null') : s.type;
  const single: unknown = Array.isArray(type) ? (type.length === 1 ? (type[0] as unknown) : undefined) : type;
  if (Array.isArray(type) && type.length > 1)
    return type.every((t) => ['string', 'number', 'integer'].includes(t as string)) ? 'text' : 'json';
  switch (single) {
    case 'string':
      return 'text';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'object':
      return s.properties && typeof s.properties === 'object' ? 'object' : 'json';
    case 'array':
      return typeof s.items === 'object' && s.items !== null ? 'array' : 'json';
    default:
      return s.properties && typeof s.properties === 'object' ? 'object' : 'json';
  }
}

/** The properties of an object schema, in schema order, with whether each is required. */
export function properties(schema: JsonSchema | undefined): { name: string; schema: JsonSchema; required: boolean }[] {
  const s = asObject(schema);
  const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
  return Object.entries((s.properties ?? {}) as Record<string, JsonSchema>).map(([name, child]) => ({
    name,
    schema: child,
    required: required.has(name),
  }));
}

/** The alternatives of a oneOf/anyOf. */
export function variants(schema: JsonSchema | undefined): JsonSchema[] {
  const s = asObject(schema);
  const list = (Array.isArray(s.oneOf) ? s.oneOf : Array.isArray(s.anyOf) ? s.anyOf : []) as JsonSchema[];
  return list.filter((v) => typeof v === 'object' && v !== null);
}

/** A name for a variant in the select: its title, its required fields, or its type. */
export function variantLabel(variant: JsonSchema, index: number): string {
  const s = asObject(variant);
  if (typeof s.title === 'string') return s.title;
  if (typeof s.description === 'string' && s.description.length <= 40) return s.description;
  const required = Array.isArray(s.required) ? (s.required as string[]) : [];
  if (required.length) return `With ${required.join(', ')}`;
  if (typeof s.type === 'string') return s.type;
  return `Option ${index + 1}`;
}

/** The variant `value` fits (the first that validates), or undefined when none does. */
export function variantOf(schema: JsonSchema | undefined, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const index = variants(schema).findIndex((variant) => validate(variant, value).ok);
  return index < 0 ? undefined : index;
}

/** The help under a field: the schema's description, and its default. */
export function fieldHint(schema: JsonSchema | undefined): string {
  const s = asObject(schema);
  const parts: string[] = [];
  if (typeof s.description === 'string') parts.push(s.description);
  if (s.default !== undefined) parts.push(`Default: ${JSON.stringify(s.default)}.`);
  return parts.join(' ');
}

/** The text a field shows for a value. */
export function textOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Typed number text as a value: a number when it reads as one, '' as unset, anything else (a reference) as text. */
export function readNumber(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed) && !trimmed.endsWith('.') ? Number(trimmed) : text;
}

/** Typed JSON field text as a value: JSON when it parses, '' as unset, else the text itself. */
export function readJsonField(text: string): { value: unknown; asText: boolean } {
  if (text.trim() === '') return { value: undefined, asText: false };
  try {
    return { value: JSON.parse(text) as unknown, asText: false };
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return { value: text, asText: true };
  }
}

/** The text of a JSON field for a value (strings that are not JSON show as themselves). */
export function jsonFieldText(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return readJsonField(value).asText ? value : JSON.stringify(value);
  return JSON.stringify(value, null, 2);
}

/** A value for a new element of an array with this item schema. */
export function emptyValue(schema: JsonSchema | undefined): unknown {
  const s = asObject(schema);
  if (s.default !== undefined) return structuredClone(s.default);
  switch (fieldKind(schema)) {
    case 'object':
      return {};
    case 'array':
      return [];
    case 'boolean':
      return false;
    case 'const':
      return s.const;
    default:
      return '';
  }
}

/** True when a value of a non-text field is a reference written as text ('{{steps.a.output}}'). */
export function isReferenceText(value: unknown): boolean {
  return typeof value === 'string' && value.includes('{{');
}

/** A field's label: the schema's `title` when it has one, else the property name. */
export function fieldLabel(name: string, schema: JsonSchema): string {
  const title = typeof schema === 'object' ? (schema as { title?: unknown }).title : undefined;
  return typeof title === 'string' && title.trim() ? title : name;
}
