/**
 * One UTF-8 validity check for byte buffers (Arrow text, CSV columns kept as bytes): a strict
 * decode by default; the Node entry installs `buffer.isUtf8`, which decodes nothing.
 */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

let fast = false;
let check = (bytes: Uint8Array): boolean => {
  try {
    UTF8.decode(bytes);
    return true;
  } catch {
    return false;
  }
};

/** Whether bytes are valid UTF-8. */
export function isValidUtf8(bytes: Uint8Array): boolean {
  return check(bytes);
}

/** Use a faster UTF-8 validity check where the platform has one (Node's `buffer.isUtf8`). */
export function useUtf8Check(fn: (bytes: Uint8Array) => boolean): void {
  check = fn;
  fast = true;
}

/** Whether the check installed decodes nothing (then a whole file is cheaper to check than its cells). */
export function fastUtf8Check(): boolean {
  return fast;
}

/**
 * Whether values held back to back in `bytes` at `offsets` are each valid UTF-8: the bytes as a
 * whole are, and no value starts inside a character (a continuation byte).
 */
export function validUtf8Values(bytes: Uint8Array, offsets: Int32Array, n: number): boolean {
  if (!check(bytes.subarray(offsets[0]!, offsets[n]!))) return false;
  for (let i = 0; i < n; i++) if (offsets[i]! < offsets[i + 1]! && (bytes[offsets[i]!]! & 0xc0) === 0x80) return false;
  return true;
}
