/**
 * Typed checks of values that arrive from a client. A validator either returns the value as its declared type
 * (a fresh copy holding only the declared fields) or says what is wrong with it, naming the path
 * (`params.subject.purl`), so a handler behind it works with trusted, typed values.
 */
export type Validation<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };
export type Validator<T> = (value: unknown, where: string) => Validation<T>;
export type Validated<V> = V extends Validator<infer T> ? T : never;

const valid = <T>(value: T): Validation<T> => ({ ok: true, value });
const invalid = (reason: string): Validation<never> => ({ ok: false, reason });

export const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export const string: Validator<string> = (value, where) => (typeof value === 'string' ? valid(value) : invalid(`${where} must be a string`));

export const boolean: Validator<boolean> = (value, where) => (typeof value === 'boolean' ? valid(value) : invalid(`${where} must be true or false`));

export const integer: Validator<number> = (value, where) => (Number.isSafeInteger(value) ? valid(value as number) : invalid(`${where} must be an integer`));

/** One of a fixed set of strings. */
export function oneOf<const L extends readonly string[]>(...values: L): Validator<L[number]> {
  return (value, where) =>
    typeof value === 'string' && values.includes(value) ? valid(value as L[number]) : invalid(`${where} must be one of ${values.map((v) => `"${v}"`).join(', ')}`);
}

/** A field that may be absent (or `null`, which JSON clients send for "nothing"). */
export function optional<T>(check: Validator<T>): Validator<T | undefined> {
  return (value, where) => (value === undefined || value === null ? valid(undefined) : check(value, where));
}

export function array<T>(item: Validator<T>): Validator<T[]> {
  return (value, where) => {
    if (!Array.isArray(value)) return invalid(`${where} must be an array`);
    const out: T[] = [];
    for (let i = 0; i < value.length; i++) {
      const checked = item(value[i], `${where}[${i}]`);
      if (!checked.ok) return checked;
      out.push(checked.value);
    }
    return valid(out);
  };
}

type Shape = Record<string, Validator<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: undefined extends Validated<S[K]> ? K : never }[keyof S];
type RequiredKeys<S extends Shape> = Exclude<keyof S, OptionalKeys<S>>;
/** The object a shape describes: fields whose validator accepts `undefined` are optional. */
export type ObjectOf<S extends Shape> = { readonly [K in RequiredKeys<S>]: Validated<S[K]> } & { readonly [K in OptionalKeys<S>]?: Exclude<Validated<S[K]>, undefined> };

/** An object with the given fields; other fields are dropped, absent optional fields stay absent. */
export function object<S extends Shape>(shape: S): Validator<ObjectOf<S>> {
  return (value, where) => {
    if (!isPlainObject(value)) return invalid(`${where} must be an object`);
    const out: Record<string, unknown> = {};
    for (const [key, check] of Object.entries(shape)) {
      const checked = check(value[key], `${where}.${key}`);
      if (!checked.ok) return checked;
      if (checked.value !== undefined) out[key] = checked.value;
    }
    return valid(out as ObjectOf<S>);
  };
}

/** A validated value turned into another (defaults filled in, a shape completed). */
export function map<T, U>(check: Validator<T>, convert: (value: T) => U): Validator<U> {
  return (value, where) => {
    const checked = check(value, where);
    return checked.ok ? valid(convert(checked.value)) : checked;
  };
}
