/**
 * Tiny runtime decoders: every payload from the server passes through one of these
 * before the rest of the dashboard sees it, so a malformed answer fails loudly at the
 * boundary instead of as `undefined` deep inside a component.
 */

export class PayloadError extends Error {
  constructor(
    readonly path: string,
    readonly expected: string,
  ) {
    super(`Unexpected server payload at ${path}: expected ${expected}`);
    this.name = 'PayloadError';
  }
}

export type Decoder<T> = (value: unknown, path: string) => T;
export type Decoded<D> = D extends Decoder<infer T> ? T : never;

export const string: Decoder<string> = (value, path) => {
  if (typeof value !== 'string') throw new PayloadError(path, 'a string');
  return value;
};

export const number: Decoder<number> = (value, path) => {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new PayloadError(path, 'a number');
  return value;
};

export const boolean: Decoder<boolean> = (value, path) => {
  if (typeof value !== 'boolean') throw new PayloadError(path, 'a boolean');
  return value;
};

/** An ISO 8601 date-time string that `Date` can parse; kept as the original string. */
export const isoDate: Decoder<string> = (value, path) => {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
    throw new PayloadError(path, 'an ISO 8601 date');
  }
  return value;
};

/** Accepts null or a missing field (both read as null). */
export function nullable<T>(decoder: Decoder<T>): Decoder<T | null> {
  return (value, path) => (value === null || value === undefined ? null : decoder(value, path));
}

export function array<T>(decoder: Decoder<T>): Decoder<T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) throw new PayloadError(path, 'an array');
    return value.map((item, index) => decoder(item, `${path}[${index}]`));
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type Shape = Record<string, Decoder<unknown>>;
type FromShape<S extends Shape> = { [K in keyof S]: Decoded<S[K]> };

/** Decodes the listed fields; unknown fields are dropped. */
export function object<S extends Shape>(shape: S): Decoder<FromShape<S>> {
  return (value, path) => {
    if (!isRecord(value)) throw new PayloadError(path, 'an object');
    const result: Record<string, unknown> = {};
    for (const [key, decoder] of Object.entries(shape)) {
      result[key] = decoder(value[key], `${path}.${key}`);
    }
    return result as FromShape<S>;
  };
}

export function decode<T>(decoder: Decoder<T>, value: unknown): T {
  return decoder(value, '$');
}

/** One of a fixed set of strings (a TypeScript string-literal union). */
export function oneOf<const T extends string>(...values: readonly T[]): Decoder<T> {
  return (value, path) => {
    if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
      throw new PayloadError(path, `one of ${values.map((v) => `"${v}"`).join(', ')}`);
    }
    return value as T;
  };
}
