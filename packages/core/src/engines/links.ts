/** Moved to the columnar substrate: `columns/values.ts`. */
export * from '../columns/values.js';
