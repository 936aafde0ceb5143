/**
 * An independent CSV reader for the fuzz tests (shares no code with houfu's): strict text
 * decoding (UTF-8 with or without BOM, else GB18030), RFC 4180 records where a field that
 * starts with a quote runs to the next lone quote, which must end the field; a quote inside
 * an unquoted field is a character. Line ends are LF, CRLF or a lone CR. Header names are
 * trimmed; final empty lines are no rows. Any record of the wrong width is malformed.
 */

/** Raw text columns by header, or why the bytes are not a table. */
export type CsvRead = { readonly columns: Record<string, string[]> } | { readonly malformed: string };

function decode(b: Uint8Array): string | undefined {
  const bom = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
  const body = bom ? b.subarray(3) : b;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    if (bom) return undefined;
  }
  try {
    return new TextDecoder('gb18030', { fatal: true }).decode(body);
  } catch {
    return undefined;
  }
}

/** Read CSV bytes. */
export function readCsv(bytes: Uint8Array): CsvRead {
  const text = decode(bytes);
  if (text === undefined) return { malformed: 'encoding' };
  const records: string[][] = [];
  let rec: string[] = [];
  let field = '';
  let i = 0;
  const n = text.length;
  let atFieldStart = true;
  const endRecord = (): void => {
    rec.push(field);
    records.push(rec);
    rec = [];
    field = '';
    atFieldStart = true;
  };
  while (i < n) {
    const c = text[i]!;
    if (atFieldStart && c === '"') {
      i++;
      for (;;) {
        if (i >= n) return { malformed: 'unterminated quote' };
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i++];
      }
      if (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') return { malformed: 'text after a closing quote' };
      atFieldStart = false;
      continue;
    }
    atFieldStart = false;
    if (c === ',') {
      rec.push(field);
      field = '';
      atFieldStart = true;
      i++;
    } else if (c === '\n' || c === '\r') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  if (!atFieldStart || field !== '' || rec.length > 0) endRecord();
  while (records.length > 1 && records[records.length - 1]!.length === 1 && records[records.length - 1]![0] === '') records.pop();
  const header = records[0];
  if (!header || (header.length === 1 && header[0] === '')) return { malformed: 'no header' };
  const names = header.map((h) => h.trim());
  if (new Set(names).size !== names.length) return { malformed: 'repeated header' };
  const columns: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const h of names) columns[h] = [];
  for (let r = 1; r < records.length; r++) {
    const row = records[r]!;
    if (row.length !== names.length) return { malformed: `record ${r} has ${row.length} fields` };
    names.forEach((h, k) => columns[h]!.push(row[k]!));
  }
  return { columns };
}
