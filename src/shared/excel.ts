import ExcelJS from 'exceljs';
import { AppError } from '../errors';

/** One column of an Excel import/export: its key, bilingual header and how to show a value. */
export type Column<T> = {
  key: string;
  header: { zh: string; en: string };
  width?: number;
  value: (row: T) => string | number | null;
};

/** A problem with one cell of an uploaded sheet, reported per row and column. */
export type CellError = { row: number; column: string; value: string; message: string };

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Writes rows to a one-sheet workbook: bilingual header row ("姓名 / Full name" would be too
 * wide, so the zh header with the English one as a cell note), frozen, plain types only —
 * no formulas or styles that WPS renders differently from Excel.
 */
export async function writeWorkbook<T>(sheetName: string, columns: Column<T>[], rows: T[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Zutuan';
  workbook.created = new Date(0);
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header.zh, key: c.key, width: c.width ?? 16 }));
  columns.forEach((c, i) => {
    const cell = sheet.getRow(1).getCell(i + 1);
    cell.note = c.header.en;
    cell.font = { bold: true };
  });
  for (const row of rows) {
    sheet.addRow(Object.fromEntries(columns.map((c) => [c.key, c.value(row) ?? ''])));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A data row of an uploaded sheet: its 1-based row number and text by column key. */
export type SheetRow = { row: number; cells: Record<string, string> };

/**
 * Reads the first sheet of an xlsx upload. The header row may use the zh header, the English
 * header or the key of each column; unknown headers are errors. Blank rows are skipped.
 */
export async function readWorkbook(
  body: Buffer,
  columns: { key: string; header: { zh: string; en: string }; required?: boolean }[],
  maxRows = 5000,
): Promise<SheetRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
  } catch {
    throw new AppError('IMPORT_INVALID', 'The file is not a readable .xlsx workbook.', { errors: [] });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.rowCount < 1) {
    throw new AppError('IMPORT_INVALID', 'The workbook has no sheet with a header row.', { errors: [] });
  }
  const byHeader = new Map<string, string>();
  for (const c of columns) {
    for (const h of [c.key, c.header.zh, c.header.en]) byHeader.set(normalise(h), c.key);
  }
  const keysByIndex = new Map<number, string>();
  const errors: CellError[] = [];
  sheet.getRow(1).eachCell((cell, index) => {
    const text = cellText(cell.value);
    if (!text) return;
    const key = byHeader.get(normalise(text));
    if (key) keysByIndex.set(index, key);
    else errors.push({ row: 1, column: text, value: text, message: 'unknown column' });
  });
  const present = new Set(keysByIndex.values());
  for (const c of columns) {
    if (c.required && !present.has(c.key)) {
      errors.push({ row: 1, column: c.header.zh, value: '', message: 'required column is missing' });
    }
  }
  if (errors.length) throw new AppError('IMPORT_INVALID', undefined, { errors });
  const rows: SheetRow[] = [];
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells: Record<string, string> = {};
    for (const [index, key] of keysByIndex) cells[key] = cellText(row.getCell(index).value);
    if (Object.values(cells).some((v) => v !== '')) rows.push({ row: rowNumber, cells });
  });
  if (rows.length === 0) throw new AppError('IMPORT_INVALID', 'The sheet has no data rows.', { errors: [] });
  if (rows.length > maxRows) {
    throw new AppError('IMPORT_INVALID', `The sheet has more than ${maxRows} rows; split it.`, {
      errors: [],
    });
  }
  return rows;
}

const normalise = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/** The text of a cell whatever Excel or WPS stored (rich text, dates, formulas' results, hyperlinks). */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text).trim();
    if ('error' in value) return '';
  }
  return String(value).trim();
}

/** Looks up a cell's text among allowed values by any of their labels (key, zh, en). */
export function lookup<V>(
  options: { value: V; labels: (string | null | undefined)[] }[],
): (text: string) => { ok: true; value: V } | { ok: false } {
  const map = new Map<string, V>();
  for (const o of options) for (const l of o.labels) if (l) map.set(normalise(l), o.value);
  return (text) =>
    map.has(normalise(text)) ? { ok: true, value: map.get(normalise(text)) as V } : { ok: false };
}

/**
 * Validates every row against a Zod schema after `toCandidate` has turned its cells into
 * input (reporting lookups that failed). Returns the parsed rows, or throws IMPORT_INVALID
 * listing every bad cell when any row is bad: an import is all or nothing.
 */
export function validateRows<T>(
  rows: SheetRow[],
  columns: { key: string; header: { zh: string } }[],
  toCandidate: (row: SheetRow, fail: (column: string, message: string) => void) => unknown,
  schema: {
    safeParse(
      v: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  columnOfField: Record<string, string>,
): { row: number; value: T }[] {
  const errors: CellError[] = [];
  const header = (key: string) => columns.find((c) => c.key === key)?.header.zh ?? key;
  const parsed: { row: number; value: T }[] = [];
  for (const row of rows) {
    const failed = new Set<string>();
    const candidate = toCandidate(row, (column, message) => {
      failed.add(column);
      errors.push({ row: row.row, column: header(column), value: row.cells[column] ?? '', message });
    });
    const result = schema.safeParse(candidate);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const field = String(issue.path[0] ?? '');
        const column = columnOfField[field] ?? field;
        if (failed.has(column)) continue;
        errors.push({
          row: row.row,
          column: header(column),
          value: row.cells[column] ?? '',
          message: issue.message,
        });
      }
    } else if (failed.size === 0) parsed.push({ row: row.row, value: result.data });
  }
  if (errors.length) {
    throw new AppError('IMPORT_INVALID', `${errors.length} problem(s) in the file; nothing was imported.`, {
      errors,
    });
  }
  return parsed;
}
