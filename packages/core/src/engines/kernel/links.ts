/** Moved to the columnar substrate: `columns/links.ts`. */
export * from '../../columns/links.js';
