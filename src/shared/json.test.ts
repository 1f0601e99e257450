import { describe, expectTypeOf, it } from 'vitest';
import type { Jsonified } from './json';

// Checked by the type checker (npm run typecheck); at run time these are no-ops.
describe('Jsonified', () => {
  it('turns dates into strings, inside arrays and objects too', () => {
    type View = { at: Date; maybe: Date | null; list: readonly { on: Date; n: number }[] };
    expectTypeOf<Jsonified<View>>().toEqualTypeOf<{
      at: string;
      maybe: string | null;
      list: { on: string; n: number }[];
    }>();
  });

  it('keeps primitives, unions, optional keys and unknown; drops functions', () => {
    type View = { kind: 'a' | 'b'; note?: string; data: unknown; run(): void; flags: boolean[] };
    expectTypeOf<Jsonified<View>>().toEqualTypeOf<{
      kind: 'a' | 'b';
      note?: string;
      data: unknown;
      flags: boolean[];
    }>();
  });

  it('flattens intersections', () => {
    expectTypeOf<Jsonified<{ a: Date } & { b: number }>>().toEqualTypeOf<{ a: string; b: number }>();
  });
});
