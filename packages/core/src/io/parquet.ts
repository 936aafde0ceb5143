/**
 * Parquet reading. With the optional peer `parquet-wasm` installed (the CLI has it), a file is
 * decoded in WebAssembly straight into Arrow columns, read here as one Arrow table (no JS value
 * per cell). Without it, or for a file it cannot decode, hyparquet (pure JavaScript,
 * browser-safe) reads the columns as JS values. Both readers are loaded on first use, so a page
 * that reads only CSV carries neither. `bench/parquet-readers.mjs` compares them.
 */
import type { Table } from 'apache-arrow';

/** Decodes Parquet bytes (only the named columns, when given) into an Arrow IPC stream. */
type WasmReader = (bytes: Uint8Array, columns?: readonly string[]) => Uint8Array;

interface ParquetWasm {
  readonly default?: unknown;
  readonly readParquet?: (bytes: Uint8Array, options?: { batchSize?: number; columns?: string[] }) => { intoIPCStream(): Uint8Array };
  readonly readSchema?: (bytes: Uint8Array) => { intoIPCStream(): Uint8Array };
}

let wasmReader: Promise<WasmReader | null> | undefined;

/** parquet-wasm's reader, or null when the package is not installed or cannot start. */
function loadWasm(): Promise<WasmReader | null> {
  wasmReader ??= (async () => {
    try {
      const m = (await import('parquet-wasm')) as ParquetWasm;
      // The browser build exports its initialiser (fetching the .wasm beside it); Node's is ready.
      if (typeof m.default === 'function') await (m.default as () => Promise<unknown>)();
      // Arrow's IPC reader loads with the Parquet reader, not with the page.
      const { readArrowIPC: tableFromIPC } = await import('./arrow-ipc.js');
      const api = m.readParquet ? m : (m.default as ParquetWasm | undefined);
      const read = api?.readParquet;
      const schema = api?.readSchema;
      if (!read || !schema) return null;
      // One record batch per file: the columns come out in one chunk each.
      return (bytes, columns) => {
        if (!columns) return read(bytes, { batchSize: 1 << 30 }).intoIPCStream();
        // Only columns the file has (a missing one is the loader's finding, not the reader's).
        const present = new Set(tableFromIPC(schema(bytes).intoIPCStream()).schema.fields.map((f) => f.name));
        return read(bytes, { batchSize: 1 << 30, columns: columns.filter((c) => present.has(c)) }).intoIPCStream();
      };
    } catch {
      return null;
    }
  })();
  return wasmReader;
}

/** Which reader `readParquet` uses here: parquet-wasm when it can be loaded, else hyparquet. */
export async function parquetReader(): Promise<'parquet-wasm' | 'hyparquet'> {
  return (await loadWasm()) ? 'parquet-wasm' : 'hyparquet';
}

/**
 * Read the columns of a Parquet file (all, or those named that it has): an Arrow table through
 * parquet-wasm, or JS values of every column through hyparquet (which also gives the reason when
 * the file cannot be read).
 */
export async function readParquet(bytes: Uint8Array, columns?: readonly string[]): Promise<Table | Record<string, unknown[]>> {
  const wasm = await loadWasm();
  if (wasm) {
    try {
      return (await import('./arrow-ipc.js')).readArrowIPC(wasm(bytes, columns));
    } catch {
      // A file (or a column type) the WebAssembly reader does not take: hyparquet reads it or says why.
    }
  }
  return readParquetValues(bytes);
}

/** Read every column of a Parquet file as JS values (hyparquet). */
export async function readParquetValues(bytes: Uint8Array): Promise<Record<string, unknown[]>> {
  const { parquetMetadata, parquetRead } = await import('hyparquet');
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const meta = parquetMetadata(buffer);
  const n = Number(meta.num_rows);
  const cols: Record<string, unknown[]> = {};
  for (const el of meta.schema.slice(1)) if (!el.num_children) cols[el.name] = new Array<unknown>(n);
  await parquetRead({
    file: buffer,
    metadata: meta,
    onChunk(chunk) {
      const target = cols[chunk.columnName] ?? (cols[chunk.columnName] = new Array<unknown>(n));
      const data = chunk.columnData;
      for (let i = 0; i < data.length && chunk.rowStart + i < chunk.rowEnd; i++) target[chunk.rowStart + i] = data[i];
    },
  });
  return cols;
}
