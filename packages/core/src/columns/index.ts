/**
 * The columnar substrate: dictionary encodings, id hashes and row links over canonical Arrow
 * tables, built once per dataset (validation builds most of them while loading) and read by
 * validation, the engines, drill-down and surveys.
 */
export { hasColumn, rowCount, type TableSet } from './tables.js';
export { encoded, encodeVector, encodingBytes, seedEncoding, valueAt, ByteDictionary, F, T, U, type CodeColumn, type Encoded, type NumColumn, type TriColumn } from './encode.js';
export { ancestorIndex, codesOf, compose, groupIndex, linkBytes, linkRows, parentIndex, rows, seedLink, translate } from './links.js';
export { decodeVector } from './decode.js';
export { columnValues, gather, parentRows, siteRows, unitRows } from './values.js';
