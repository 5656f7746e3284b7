/**
 * A small RFC 4180 CSV reader: quoted fields, doubled quotes, CRLF or LF line ends. The first
 * line is the header; each following non-empty line becomes an object keyed by header names.
 */
export interface CsvRecord {
  /** 1-based number of the record, the header not counted. */
  row: number;
  values: Record<string, string>;
}

export function parseCsvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export function parseCsv(text: string): { header: string[]; records: CsvRecord[] } {
  const rows = parseCsvRows(text.replace(/^\uFEFF/, ''));
  const header = (rows[0] ?? []).map((h) => h.trim());
  const records: CsvRecord[] = [];
  rows.slice(1).forEach((cells, index) => {
    if (cells.every((c) => c.trim() === '')) return;
    const values: Record<string, string> = {};
    header.forEach((name, col) => {
      values[name] = (cells[col] ?? '').trim();
    });
    records.push({ row: index + 1, values });
  });
  return { header, records };
}
