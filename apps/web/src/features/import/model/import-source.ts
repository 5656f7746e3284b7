/**
 * Turns pasted or uploaded text into an import request. JSON (an array of rows, or `{rows}`) is
 * sent as rows; anything else as CSV. Rows are not validated here: the server reports each bad
 * row in its answer, which is more useful than refusing the whole file.
 */
import type { ImportBody } from '@recflow/contracts';

export type ImportSource =
  | { kind: 'empty' }
  | { kind: 'json'; body: ImportBody; rows: number }
  | { kind: 'csv'; body: ImportBody; rows: number }
  | { kind: 'invalid'; message: string };

function looksLikeJson(text: string, fileName?: string): boolean {
  return fileName?.toLowerCase().endsWith('.json') === true || /^[[{]/.test(text);
}

function jsonSource(text: string): ImportSource {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { kind: 'invalid', message: `Not valid JSON: ${(error as Error).message}` };
  }
  const rows = Array.isArray(parsed)
    ? parsed
    : parsed && typeof parsed === 'object' && Array.isArray((parsed as { rows?: unknown }).rows)
      ? (parsed as { rows: unknown[] }).rows
      : undefined;
  if (!rows)
    return { kind: 'invalid', message: 'JSON must be an array of rows, or an object with a "rows" array' };
  if (rows.length === 0) return { kind: 'invalid', message: 'The JSON has no rows' };
  return { kind: 'json', body: { rows }, rows: rows.length };
}

export function readImportSource(text: string, fileName?: string): ImportSource {
  const trimmed = text.trim();
  if (!trimmed) return { kind: 'empty' };
  if (looksLikeJson(trimmed, fileName)) return jsonSource(trimmed);
  const lines = trimmed.split(/\r?\n/).filter((line) => line.trim() !== '');
  return { kind: 'csv', body: { csv: text }, rows: Math.max(0, lines.length - 1) };
}
