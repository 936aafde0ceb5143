/** Code-point order of two texts (area codes, breakdown tuple keys, drill-down sort keys): −1, 0 or 1. */
export function textOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
