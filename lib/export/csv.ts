import { stringify } from 'csv-stringify/sync';

// CSV for spreadsheets: a header row, dates as ISO 8601, lists joined with "; ",
// objects as JSON. Cells starting with = + - @ are escaped so a spreadsheet never
// runs them as formulas (CSV injection).
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) return value.join('; ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function toCsv<T extends Record<string, unknown>>(rows: readonly T[], columns: readonly (keyof T & string)[]): string {
  return stringify(
    rows.map((row) => columns.map((c) => cell(row[c]))),
    { header: true, columns: columns as string[], escape_formulas: true, record_delimiter: 'windows' },
  );
}
