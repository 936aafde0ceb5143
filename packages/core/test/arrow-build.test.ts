import fc from 'fast-check';
import { Bool, Float64, Int32, Utf8, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { buildVector } from '../src/io/build.js';
import { decodeVector } from '../src/io/decode-columns.js';

// The hand-written Arrow builders and decoder against apache-arrow's own (the independent implementation).
describe('Arrow column building and decoding', () => {
  const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('urban', 'rural', '南明区', ''), fc.constant(null));

  it('writes text, booleans and numbers that apache-arrow reads back unchanged', () => {
    fc.assert(
      fc.property(
        fc.array(text, { maxLength: 300 }),
        fc.array(fc.option(fc.boolean()), { maxLength: 300 }),
        fc.array(fc.option(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })), { maxLength: 300 }),
        fc.array(fc.option(fc.double({ noNaN: true })), { maxLength: 300 }),
        (s, b, i, d) => {
          expect([...buildVector(s, new Utf8())]).toEqual(s);
          expect([...buildVector(b, new Bool())]).toEqual(b);
          expect([...buildVector(i, new Int32())]).toEqual(i);
          expect([...buildVector(d, new Float64())]).toEqual(d);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('decodes what apache-arrow writes, sharing repeated short strings', () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 5000 }), fc.array(fc.option(fc.boolean()), { maxLength: 300 }), (s, b) => {
        expect(decodeVector(vectorFromArray(s, new Utf8()))).toEqual(s);
        expect(decodeVector(vectorFromArray(b, new Bool()))).toEqual(b);
      }),
      { numRuns: 100 },
    );
    const repeated = Array.from({ length: 10000 }, (_, i) => (i % 3 ? '黔东南苗族侗族自治州' : `P${i}`));
    expect(decodeVector(vectorFromArray(repeated, new Utf8()))).toEqual(repeated);
  });

  it('decodes sliced vectors (non-zero offsets)', () => {
    const v = vectorFromArray(['a', null, 'bc', 'd', null, 'ef'], new Utf8()).slice(1, 5);
    expect(decodeVector(v)).toEqual([null, 'bc', 'd', null]);
    const w = vectorFromArray([true, null, false, true, true, null, false, false, true, null], new Bool()).slice(3, 10);
    expect(decodeVector(w)).toEqual([true, true, null, false, false, true, null]);
  });
});
