/**
 * CSV text to cells, as Excel and pandas write it: a UTF-8 BOM, CRLF or LF line ends, quoted
 * cells. Every CSV import (两融数据, K线) reads its files through this one parser.
 */

/** RFC 4180 cells: quotes around cells with commas, "" for a quote inside one. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      // CR LF ends a line and then an empty one, which is dropped with the blank lines below.
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  // The last line, with or without a line end (without one it is empty, and dropped).
  row.push(cell);
  rows.push(row);
  // Blank lines (often at the end) are not rows.
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}
