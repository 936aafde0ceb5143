/**
 * Parquet reading into raw columns (hyparquet: pure JavaScript, browser-safe). hyparquet is
 * loaded on first use, so a page that reads only CSV does not carry it.
 */

/** Read every column of a Parquet file. */
export async function readParquet(bytes: Uint8Array): Promise<Record<string, unknown[]>> {
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
