/**
 * CSV for spreadsheets: UTF-8 with a BOM (so Arabic names open correctly in Excel), RFC 4180
 * quoting, and cells that a spreadsheet would run as a formula (starting with = + - @, a tab or a
 * carriage return) prefixed with an apostrophe.
 */
export const CSV_BOM = '\uFEFF';

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(values: unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
