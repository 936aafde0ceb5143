/** Moved to the columnar substrate: `columns/encode.ts`. */
export * from '../../columns/encode.js';
