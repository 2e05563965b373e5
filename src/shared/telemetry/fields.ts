// A small description language for the fields of a JSON report, from which both the TypeScript type (Infer) and
// the run-time check (check) come, so the two cannot disagree. Objects are closed: a field the description does
// not name is an error, as is a missing one (unless optional) — a renamed field in the firmware is caught twice.

export type Field =
  | { readonly kind: 'integer' }
  | { readonly kind: 'number' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'string'; readonly values?: readonly string[] }
  | { readonly kind: 'nullable'; readonly of: Field }
  | { readonly kind: 'optional'; readonly of: Field }
  | { readonly kind: 'array'; readonly of: Field; readonly length?: number }
  | { readonly kind: 'object'; readonly fields: Fields }
  | { readonly kind: 'tagged'; readonly tag: string; readonly variants: Readonly<Record<string, Fields>> };
export type Fields = Readonly<Record<string, Field>>;

export const integer = { kind: 'integer' } as const;
export const number = { kind: 'number' } as const;
export const boolean = { kind: 'boolean' } as const;
export const string = { kind: 'string' } as const;
/** A string that is one of `values`. */
export const oneOf = <const V extends readonly string[]>(...values: V) => ({ kind: 'string', values }) as const;
export const nullable = <const F extends Field>(of: F) => ({ kind: 'nullable', of }) as const;
/** A field that may be absent. */
export const optional = <const F extends Field>(of: F) => ({ kind: 'optional', of }) as const;
export const array = <const F extends Field>(of: F, length?: number) => ({ kind: 'array', of, length }) as const;
export const object = <const S extends Fields>(fields: S) => ({ kind: 'object', fields }) as const;
/** One of several objects, told apart by the string field `tag` (its value names the variant). */
export const tagged = <const K extends string, const V extends Readonly<Record<string, Fields>>>(tag: K, variants: V) =>
  ({ kind: 'tagged', tag, variants }) as const;

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type OptionalKeys<S extends Fields> = { [K in keyof S]: S[K] extends { kind: 'optional' } ? K : never }[keyof S];
type InferFields<S extends Fields> = Simplify<
  { -readonly [K in Exclude<keyof S, OptionalKeys<S>>]: Infer<S[K]> } & {
    -readonly [K in OptionalKeys<S>]?: S[K] extends { kind: 'optional'; of: infer O extends Field } ? Infer<O> : never;
  }
>;

/** The TypeScript type of values that pass check(field, ·). */
export type Infer<F extends Field> = F extends { kind: 'integer' | 'number' }
  ? number
  : F extends { kind: 'boolean' }
    ? boolean
    : F extends { kind: 'string'; values: readonly (infer V)[] }
      ? V
      : F extends { kind: 'string' }
        ? string
        : F extends { kind: 'nullable'; of: infer O extends Field }
          ? Infer<O> | null
          : F extends { kind: 'optional'; of: infer O extends Field }
            ? Infer<O> | undefined
            : F extends { kind: 'array'; of: infer O extends Field }
              ? Infer<O>[]
              : F extends { kind: 'object'; fields: infer S extends Fields }
                ? InferFields<S>
                : F extends {
                      kind: 'tagged';
                      tag: infer K extends string;
                      variants: infer V extends Readonly<Record<string, Fields>>;
                    }
                  ? { [T in keyof V & string]: Simplify<{ [k in K]: T } & InferFields<V[T]>> }[keyof V & string]
                  : never;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkFields(fields: Fields, value: Record<string, unknown>, path: string, skip?: string): string | undefined {
  for (const key of Object.keys(value)) {
    if (key !== skip && !(key in fields)) return `${path}.${key}: not a field of this report`;
  }
  for (const [key, f] of Object.entries(fields)) {
    if (!(key in value)) {
      if (f.kind === 'optional') continue;
      return `${path}.${key}: missing`;
    }
    const problem = check(f.kind === 'optional' ? f.of : f, value[key], `${path}.${key}`);
    if (problem) return problem;
  }
  return undefined;
}

/** Why `value` does not fit `field` (naming the first offending path), or undefined when it fits. */
export function check(field: Field, value: unknown, path = '$'): string | undefined {
  const describe = (v: unknown) =>
    v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'string' ? JSON.stringify(v) : typeof v;
  switch (field.kind) {
    case 'integer':
      return Number.isInteger(value) ? undefined : `${path}: expected an integer, got ${describe(value)}`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? undefined
        : `${path}: expected a number, got ${describe(value)}`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `${path}: expected true or false, got ${describe(value)}`;
    case 'string':
      if (typeof value !== 'string') return `${path}: expected a string, got ${describe(value)}`;
      return !field.values || field.values.includes(value)
        ? undefined
        : `${path}: expected one of ${field.values.join(', ')}, got ${describe(value)}`;
    case 'nullable':
      return value === null ? undefined : check(field.of, value, path);
    case 'optional':
      return value === undefined ? undefined : check(field.of, value, path);
    case 'array': {
      if (!Array.isArray(value)) return `${path}: expected an array, got ${describe(value)}`;
      if (field.length !== undefined && value.length !== field.length)
        return `${path}: expected ${field.length} elements, got ${value.length}`;
      for (let i = 0; i < value.length; i++) {
        const problem = check(field.of, value[i], `${path}[${i}]`);
        if (problem) return problem;
      }
      return undefined;
    }
    case 'object':
      return isRecord(value)
        ? checkFields(field.fields, value, path)
        : `${path}: expected an object, got ${describe(value)}`;
    case 'tagged': {
      if (!isRecord(value)) return `${path}: expected an object, got ${describe(value)}`;
      const tag = value[field.tag];
      const variant = typeof tag === 'string' && Object.hasOwn(field.variants, tag) ? field.variants[tag] : undefined;
      if (!variant)
        return `${path}.${field.tag}: expected one of ${Object.keys(field.variants).join(', ')}, got ${describe(tag)}`;
      return checkFields(variant, value, path, field.tag);
    }
  }
}
