/**
 * Arrow IPC reading, in a module of its own: `io/files` loads it on first use, so a page
 * that reads only CSV does not carry Arrow's IPC reader (and flatbuffers).
 */
import { tableFromIPC, type Table } from 'apache-arrow';

/** Decode an Arrow IPC file or stream. */
export function readArrowIPC(bytes: Uint8Array): Table {
  return tableFromIPC(bytes);
}
