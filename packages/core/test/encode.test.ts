/**
 * Text columns as dictionary codes: each distinct text gets one code in order of first use,
 * equal texts share it — whatever the row before held (a prefix, a longer text, a null) and
 * across chunks. Expected codes are written by hand.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeVector, Utf8, vectorFromArray } from 'apache-arrow';
import { encodeVector, type CodeColumn } from '../src/columns/encode.js';

const utf8 = (xs: (string | null)[]) => vectorFromArray(xs, new Utf8());

describe('text codes', () => {
  it('tells a text from its prefix and from a longer text after it', () => {
    const e = encodeVector(utf8(['abc', 'ab', 'ab', 'abc', 'abcd', null, 'abcd', '', '', 'a'])) as CodeColumn;
    expect([...e.codes]).toEqual([0, 1, 1, 0, 2, -1, 2, 3, 3, 4]);
    expect(e.dict).toEqual(['abc', 'ab', 'abcd', '', 'a']);
  });

  it('codes equal texts alike across chunks', () => {
    const v = makeVector([utf8(['x', 'y']).data[0]!, utf8(['y', 'x', 'z']).data[0]!]);
    const e = encodeVector(v) as CodeColumn;
    expect([...e.codes]).toEqual([0, 1, 1, 0, 2]);
    expect(e.dict).toEqual(['x', 'y', 'z']);
  });

  it('agrees with a Map of texts on random columns', () => {
    const text = fc.oneof(fc.constantFrom('a', 'ab', 'abc', 'b', '户', '户口'), fc.string({ maxLength: 4 }));
    fc.assert(
      fc.property(fc.array(fc.option(text, { nil: null, freq: 6 }), { maxLength: 60 }), (xs) => {
        const e = encodeVector(utf8(xs)) as CodeColumn;
        const index = new Map<string, number>();
        const want = xs.map((x) => (x === null ? -1 : index.get(x) ?? (index.set(x, index.size), index.size - 1)));
        expect([...e.codes]).toEqual(want);
        expect(e.dict).toEqual([...index.keys()]);
      }),
      { numRuns: 300, seed: 5 },
    );
  });
});
