import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WriteBatcher } from './write-batcher';

/** A store whose writes stay open until the test lets them finish. */
function heldStore() {
  const stored: number[] = [];
  const calls: { kind: 'one' | 'many'; items: number[]; finish: () => void }[] = [];
  const held = <T>(kind: 'one' | 'many', items: number[], result: () => T) =>
    new Promise<T>((resolve, reject) => {
      calls.push({
        kind,
        items,
        finish: () => {
          try {
            resolve(result());
          } catch (error) {
            reject(error);
          }
        },
      });
    });
  const bad = (n: number) => n < 0;
  const batcher = new WriteBatcher<number, string>({
    maxInFlight: 1,
    maxBatch: 3,
    writeOne: (n) =>
      held('one', [n], () => {
        if (bad(n)) throw new Error(`bad ${n}`);
        stored.push(n);
        return `one:${n}`;
      }),
    writeMany: (items) =>
      held('many', items, () => {
        if (items.some(bad)) throw new Error('the statement failed');
        stored.push(...items.filter((n) => n !== 0));
        return items.map((n) => (n === 0 ? new Error('zero is out of scope') : `many:${n}`));
      }),
  });
  return { batcher, calls, stored };
}

const settled = <T>(promise: Promise<T>) =>
  promise.then(
    (value) => ({ value }),
    (error: Error) => ({ error: error.message }),
  );
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('WriteBatcher', () => {
  it('sends a write at once, alone, when nothing is in flight', async () => {
    const { batcher, calls } = heldStore();
    const answer = batcher.write(1);
    expect(calls).toMatchObject([{ kind: 'one', items: [1] }]);
    calls[0]?.finish();
    await expect(answer).resolves.toBe('one:1');
  });

  it('lets the writes that arrive meanwhile leave together, in order, at most maxBatch at a time', async () => {
    const { batcher, calls, stored } = heldStore();
    const answers = [1, 2, 3, 4, 5].map((n) => batcher.write(n));
    expect(calls).toHaveLength(1);
    calls[0]?.finish();
    await tick();
    expect(calls.map((c) => c.items)).toEqual([[1], [2, 3, 4]]);
    calls[1]?.finish();
    await tick();
    calls[2]?.finish();
    expect(await Promise.all(answers)).toEqual(['one:1', 'many:2', 'many:3', 'many:4', 'one:5']);
    expect(stored).toEqual([1, 2, 3, 4, 5]);
  });

  it('answers an item its batch left out with that item’s error, and the others with their rows', async () => {
    const { batcher, calls } = heldStore();
    const answers = [1, 2, 0, 3].map((n) => settled(batcher.write(n)));
    calls[0]?.finish();
    await tick();
    calls[1]?.finish();
    expect(await Promise.all(answers)).toEqual([
      { value: 'one:1' },
      { value: 'many:2' },
      { error: 'zero is out of scope' },
      { value: 'many:3' },
    ]);
  });

  it('retries each write of a failed batch alone, so one bad row does not fail its neighbours', async () => {
    const { batcher, calls, stored } = heldStore();
    const answers = [1, 2, -7, 3].map((n) => settled(batcher.write(n)));
    calls[0]?.finish();
    await tick();
    calls[1]?.finish(); // the batch [2, -7, 3] fails as a whole
    await tick();
    expect(calls.slice(2).map((c) => [c.kind, c.items])).toEqual([
      ['one', [2]],
      ['one', [-7]],
      ['one', [3]],
    ]);
    for (const call of calls.slice(2)) call.finish();
    expect(await Promise.all(answers)).toEqual([
      { value: 'one:1' },
      { value: 'one:2' },
      { error: 'bad -7' },
      { value: 'one:3' },
    ]);
    expect(stored).toEqual([1, 2, 3]);
  });

  it('refuses a batch answer of the wrong length instead of pairing rows with the wrong writes', async () => {
    const batcher = new WriteBatcher<number, number>({
      maxInFlight: 1,
      writeOne: async (n) => n,
      writeMany: async (items) => items.slice(1),
    });
    const answers = [1, 2, 3].map((n) => settled(batcher.write(n)));
    expect(await Promise.all(answers)).toEqual([
      { value: 1 },
      { error: 'writeMany returned 1 results for 2 items' },
      { error: 'writeMany returned 1 results for 2 items' },
    ]);
  });

  it('rejects limits below one', () => {
    const writes = { writeOne: async () => 0, writeMany: async () => [] };
    expect(() => new WriteBatcher({ ...writes, maxInFlight: 0 })).toThrow(RangeError);
    expect(() => new WriteBatcher({ ...writes, maxBatch: 0 })).toThrow(RangeError);
  });

  it('gives every write the answer it would get alone and stores each good one exactly once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: -3, max: 20 }), fc.nat(3)), { maxLength: 40 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 6 }),
        async (writes, maxInFlight, maxBatch) => {
          const stored: number[] = [];
          const later = (delay: number) => new Promise((resolve) => setTimeout(resolve, delay));
          const alone = (n: number) =>
            n < 0 ? new Error(`bad ${n}`) : n === 0 ? new Error('zero') : `row ${n}`;
          const batcher = new WriteBatcher<number, string>({
            maxInFlight,
            maxBatch,
            writeOne: async (n) => {
              await later(n % 3);
              const answer = alone(n);
              if (answer instanceof Error) throw answer;
              stored.push(n);
              return answer;
            },
            writeMany: async (items) => {
              await later(items.length % 2);
              if (items.some((n) => n < 0)) throw new Error('the statement failed');
              const answers = items.map(alone);
              stored.push(...items.filter((n) => n > 0));
              return answers;
            },
          });
          const answers = await Promise.all(
            writes.map(async ([n, wait]) => {
              await later(wait);
              return settled(batcher.write(n));
            }),
          );
          expect(answers).toEqual(
            writes.map(([n]) => {
              const answer = alone(n);
              return answer instanceof Error ? { error: answer.message } : { value: answer };
            }),
          );
          expect(stored.sort((a, b) => a - b)).toEqual(
            writes
              .map(([n]) => n)
              .filter((n) => n > 0)
              .sort((a, b) => a - b),
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});
