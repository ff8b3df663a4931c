import { StreamableFile } from '@nestjs/common';
import { Response } from 'express';
import ExcelJS from 'exceljs';
import { DomainError } from '@lianzhi/domain';

/** A list or report as it is exported: Chinese headers, one row per item. */
export interface Table {
  readonly title: string;
  readonly columns: readonly {
    readonly key: string;
    readonly header: string;
  }[];
  readonly rows: readonly object[];
}

export type ExportFormat = 'json' | 'csv' | 'xlsx';

export function parseFormat(raw: string | undefined): ExportFormat {
  if (raw === undefined || raw === '' || raw === 'json') return 'json';
  if (raw === 'csv' || raw === 'xlsx') return raw;
  throw new DomainError(
    'FORMAT.INVALID',
    'format must be json, csv or xlsx',
    'format',
  );
}

/**
 * Text a spreadsheet would read as a formula is prefixed with a quote, so an
 * exported complaint cannot run anything when opened.
 */
export function neutralize(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function csvField(value: unknown): string {
  const text =
    typeof value === 'number' ? String(value) : neutralize(cellText(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** UTF-8 with a byte-order mark and CRLF: what Excel and WPS open cleanly. */
export function toCsv(table: Table): Buffer {
  const lines = [
    table.columns.map((column) => csvField(column.header)).join(','),
    ...table.rows.map((row) =>
      table.columns
        .map((column) => csvField((row as Record<string, unknown>)[column.key]))
        .join(','),
    ),
  ];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/** One sheet per table. */
export async function toXlsx(
  tables: Table | readonly Table[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '执法联动';
  for (const table of Array.isArray(tables) ? tables : [tables]) {
    addSheet(workbook, table as Table);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addSheet(workbook: ExcelJS.Workbook, table: Table): void {
  const sheet = workbook.addWorksheet(sheetName(table.title));
  sheet.columns = table.columns.map((column) => ({
    header: column.header,
    key: column.key,
    width: Math.max(10, column.header.length * 2 + 4),
  }));
  for (const row of table.rows) {
    const values: Record<string, unknown> = {};
    for (const column of table.columns) {
      const value = (row as Record<string, unknown>)[column.key];
      // An XLSX cell written as a string is never a formula, so it keeps the
      // text exactly; only CSV needs the quote.
      values[column.key] = typeof value === 'number' ? value : cellText(value);
    }
    sheet.addRow(values);
  }
  sheet.getRow(1).font = { bold: true };
}

/** Excel limits a sheet name to 31 characters without []:*?/\ . */
function sheetName(title: string): string {
  return title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1';
}

/**
 * Answers with the JSON body, or with the tables as a file: an XLSX has a
 * sheet per table, a CSV holds one table (`section` picks it by index). The
 * file name is ASCII plus its UTF-8 form, which browsers and WPS accept.
 */
export async function respond<T>(
  res: Response,
  format: ExportFormat,
  body: T,
  tables: () => Table | Table[],
  section = 0,
): Promise<T | StreamableFile> {
  if (format === 'json') return body;

  const built = ([] as Table[]).concat(tables());
  const chosen = built[section];
  if (!chosen) {
    throw new DomainError(
      'SECTION.INVALID',
      `section is 0 to ${built.length - 1}`,
      'section',
    );
  }
  const file = format === 'csv' ? toCsv(chosen) : await toXlsx(built);
  const name = `${format === 'csv' ? chosen.title : built[0].title}.${format}`;
  res.set({
    'Content-Type':
      format === 'csv'
        ? 'text/csv; charset=utf-8'
        : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'Content-Disposition': `attachment; filename="export.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`,
  });
  return new StreamableFile(file);
}
