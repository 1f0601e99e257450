import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseOrLibraryGap } from './parse';

describe('parseOrLibraryGap', () => {
  it('reads costs, resource needs and capacities, whatever the line breaks', () => {
    const text = ' 2 3\n 1 2\n3\n4 5 6 7 8 9 10 11 12\n 13\n 14 \n';
    const instance = parseOrLibraryGap(text);
    expect(instance.agents).toBe(2);
    expect(instance.jobs).toBe(3);
    expect(Array.from(instance.cost)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(instance.weight)).toEqual([7, 8, 9, 10, 11, 12]);
    expect(Array.from(instance.capacity)).toEqual([13, 14]);
  });

  it.each([
    ['', /empty/],
    ['3', /empty/],
    ['x 3', /agents "x" is not a positive integer/],
    ['2 0', /jobs "0" is not a positive integer/],
    ['2 1.5 1 2', /jobs "1.5"/],
    ['2 3 1 2 3', /needs 14 numbers after the header, found 3/],
    [`1 2 1 2 3 4 5 6`, /needs 5 numbers after the header, found 6/],
    ['1 2 1 oops 3 4 5', /value 4 \("oops"\) is not a number/],
    ['1 2 1 2 3 -4 5', /resource need of agent 1 for job 2 is negative/],
    ['1 2 1 2 3 4 -5', /capacity of agent 1 is negative/],
    ['1 1 1 1 Infinity', /not a number/],
  ])('rejects %j with a message naming the problem', (text, message) => {
    expect(() => parseOrLibraryGap(text)).toThrow(message);
  });

  it('never crashes on arbitrary text: it returns an instance or throws an Error', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(fc.oneof(fc.integer(), fc.double()), { maxLength: 30 }).map((xs) => xs.join(' ')),
        ),
        (text) => {
          try {
            const instance = parseOrLibraryGap(text);
            expect(instance.cost.length).toBe(instance.agents * instance.jobs);
          } catch (error) {
            expect(error).toBeInstanceOf(Error);
          }
        },
      ),
    );
  });
});
