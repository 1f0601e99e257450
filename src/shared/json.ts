/**
 * What `JSON.parse(JSON.stringify(value))` gives for a `value` of type `T`: the shape a client
 * reads from an API answer the server built as `T`. A value with a `toJSON` method becomes what
 * that returns (a `Date` its ISO string); arrays and objects are mapped recursively and are no
 * longer readonly (the parsed value is a fresh copy); keys holding functions are dropped. A key
 * whose value may be `undefined` keeps `undefined` in its type (JSON leaves the key out, which
 * reads the same). `unknown` stays `unknown`; a Map or Set (which JSON writes as `{}`) is not
 * special-cased. A type only: there is no runtime code here.
 */
export type Jsonified<T> = unknown extends T
  ? T
  : T extends string | number | boolean | null | undefined
    ? T
    : T extends { toJSON(): infer J }
      ? Jsonified<J>
      : T extends AnyFunction
        ? never
        : T extends readonly (infer E)[]
          ? Jsonified<E>[]
          : { -readonly [K in keyof T as T[K] extends AnyFunction ? never : K]: Jsonified<T[K]> };

type AnyFunction = (...args: never[]) => unknown;
