/** Moved to the columnar substrate: `columns/decode.ts`. */
export * from '../columns/decode.js';
