import { StreamableFile } from '@nestjs/common';
import { Response } from 'express';
import ExcelJS from 'exceljs';
import { DomainError } from '@lianzhi/domain';

/** A list or report as it is exported: Chinese headers, one row per item. */
export interface Table {
  readonly title: string;
  readonly columns: readonly { readonly key: string; readonly header: string }[];
  readonly rows: readonly Record<string, unknown>[];
}

export type ExportFormat = 'json' | 'csv' | 'xlsx';

export function parseFormat(raw: string | undefined): ExportFormat {
  if (raw === undefined || raw === '' || raw === 'json') return 'json';
  if (raw === 'csv' || raw === 'xlsx') return raw;
  throw new DomainError('EXPORT.FORMAT_INVALID', 'format must be json, csv or xlsx', 'format');
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
  const text = typeof value === 'number' ? String(value) : neutralize(cellText(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** UTF-8 with a byte-order mark and CRLF: what Excel and WPS open cleanly. */
export function toCsv(table: Table): Buffer {
  const lines = [
    table.columns.map((column) => csvField(column.header)).join(','),
    ...table.rows.map((row) =>
      table.columns.map((column) => csvField(row[column.key])).join(','),
    ),
  ];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

export async function toXlsx(table: Table): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '执法联动';
  const sheet = workbook.addWorksheet(sheetName(table.title));
  sheet.columns = table.columns.map((column) => ({
    header: column.header,
    key: column.key,
    width: Math.max(10, column.header.length * 2 + 4),
  }));
  for (const row of table.rows) {
    const values: Record<string, unknown> = {};
    for (const column of table.columns) {
      const value = row[column.key];
      values[column.key] = typeof value === 'number' ? value : neutralize(cellText(value));
    }
    sheet.addRow(values);
  }
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Excel limits a sheet name to 31 characters without []:*?/\ . */
function sheetName(title: string): string {
  return title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1';
}

/**
 * Answers with the JSON body, or with the table as a file. The file name is
 * ASCII plus its UTF-8 form, which both browsers and WPS accept.
 */
export async function respond<T>(
  res: Response,
  format: ExportFormat,
  body: T,
  table: () => Table,
): Promise<T | StreamableFile> {
  if (format === 'json') return body;

  const built = table();
  const file = format === 'csv' ? toCsv(built) : await toXlsx(built);
  const name = `${built.title}.${format}`;
  res.set({
    'Content-Type':
      format === 'csv'
        ? 'text/csv; charset=utf-8'
        : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'Content-Disposition': `attachment; filename="export.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`,
  });
  return new StreamableFile(file);
}
