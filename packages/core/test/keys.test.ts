/**
 * Id columns as codes: a column read in sorted order is coded by runs (no hashing) and two sorted
 * dictionaries translate by a merge; any other column goes through the hash table. Both paths
 * are checked against a lookup written here with a JS Map, on hand cases and random columns.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { vectorFromArray, Utf8 } from 'apache-arrow';
import { encodeKeys } from '../src/columns/keys.js';
import { linkRows } from '../src/columns/links.js';

const utf8 = (xs: (string | null)[]) => vectorFromArray(xs, new Utf8());

/** Per child row, the last parent row with the same id (−1: none), by a Map of texts. */
function naiveLink(parent: (string | null)[], child: (string | null)[]): number[] {
  const rowOf = new Map<string, number>();
  parent.forEach((p, r) => p !== null && rowOf.set(p, r));
  return child.map((c) => (c === null ? -1 : (rowOf.get(c) ?? -1)));
}

describe('id codes', () => {
  it('codes a sorted column by runs of equal ids, with no hash table', () => {
    const k = encodeKeys(utf8(['A1', 'A2', 'A2', 'B', 'B', 'B', 'C']));
    expect([...k.codes]).toEqual([0, 1, 1, 2, 2, 2, 3]);
    expect(k.dict.sorted).toBe(true);
    expect(k.dict.size).toBe(4);
    expect([0, 1, 2, 3].map((e) => k.dict.text(e))).toEqual(['A1', 'A2', 'B', 'C']);
  });

  it('hashes a column out of order, with nulls or with non-ASCII ids', () => {
    for (const xs of [['B', 'A', 'B'], ['A', null, 'B'], ['户1', '户2', '户2']]) {
      const k = encodeKeys(utf8(xs));
      expect(k.dict.sorted).toBe(false);
      const first = new Map<string, number>();
      // Equal ids share a code and distinct ids do not, as a Map of texts says.
      xs.forEach((x, i) => {
        if (x === null) return expect(k.codes[i]).toBe(-1);
        if (!first.has(x)) first.set(x, k.codes[i]!);
        expect(k.codes[i]).toBe(first.get(x));
      });
      expect(k.dict.size).toBe(first.size);
    }
  });

  it('links children to parents through a merge when both are sorted', () => {
    // Hand case: C2 and C4 have parents (rows 0 and 1), A0, C3 and D9 do not.
    const parent = ['C2', 'C4', 'E1'];
    const child = ['A0', 'C2', 'C2', 'C3', 'C4', 'D9'];
    const pk = encodeKeys(utf8(parent));
    const ck = encodeKeys(utf8(child));
    expect(pk.dict.sorted && ck.dict.sorted).toBe(true);
    expect([...linkRows(pk, ck)]).toEqual([-1, 0, 0, -1, 1, -1]);
  });

  it('gives the Map lookup for random columns, sorted or not', () => {
    const id = fc.oneof(fc.constantFrom('H1', 'H10', 'H2', 'H20', 'H3', 'H'), fc.string({ maxLength: 3 }));
    const col = fc.array(fc.option(id, { nil: null, freq: 8 }), { maxLength: 40 });
    fc.assert(
      fc.property(col, col, fc.boolean(), fc.boolean(), (parent, child, sortP, sortC) => {
        const byBytes = (a: string | null, b: string | null) => (a === null ? 1 : b === null ? -1 : Buffer.compare(Buffer.from(a), Buffer.from(b)));
        const p = sortP ? [...parent].sort(byBytes) : parent;
        const c = sortC ? [...child].sort(byBytes) : child;
        expect([...linkRows(encodeKeys(utf8(p)), encodeKeys(utf8(c)))]).toEqual(naiveLink(p, c));
      }),
      { numRuns: 400, seed: 11 },
    );
  });
});

describe('memory of the links', () => {
  it('counts the row links a dataset holds: at least 4 bytes per person and per household', async () => {
    const { compute } = await import('@houfu/core');
    const { loadDataset } = await import('@houfu/core/node');
    const { kernelMemory } = await import('@houfu/core/kernel');
    const { catalog } = await import('@houfu/indicators');
    const ds = await loadDataset(new URL('../../../test/fixtures/hand/', import.meta.url).pathname);
    await compute(ds, catalog.filter((d) => d.id === 'employment.rate'), { by: 'county' });
    // persons → households and households → sites, as Int32Array (one entry per row).
    const rows = ds.tables.persons!.numRows + ds.tables.households!.numRows;
    expect(rows).toBeGreaterThan(0);
    expect(kernelMemory(ds).links).toBeGreaterThanOrEqual(4 * rows);
  });
});
