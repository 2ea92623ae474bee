/**
 * Cuts a CSV file into pieces small enough for one bridge request: the host's WebSocket
 * takes frames up to 1 MiB, and a Chinese file is up to 3 bytes a character. Each piece
 * starts with the header, and pieces break only between lines (a quoted cell holding a
 * line break keeps its line whole).
 */

/** Characters of data per piece: ≤ ~768 KB of UTF-8 even when every character is CJK. */
export const CSV_CHUNK_CHARS = 256 * 1024;

export function csvChunks(text: string, maxChars = CSV_CHUNK_CHARS): string[] {
  const lines = splitLines(text.replace(/^\uFEFF/, ''));
  const header = lines.shift();
  if (header === undefined) return [];
  const chunks: string[] = [];
  let body: string[] = [];
  let size = 0;
  for (const line of lines) {
    if (!line.trim()) continue;
    if (body.length && size + line.length + 1 > maxChars) {
      chunks.push([header, ...body].join('\n'));
      body = [];
      size = 0;
    }
    body.push(line);
    size += line.length + 1;
  }
  if (body.length || !chunks.length) chunks.push([header, ...body].join('\n'));
  return chunks;
}

/** Lines, where a line break inside quotes does not end one. */
function splitLines(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      out.push(text.slice(start, i));
      if (ch === '\r' && text[i + 1] === '\n') i++;
      start = i + 1;
    }
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}
