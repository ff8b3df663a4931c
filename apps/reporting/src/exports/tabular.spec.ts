import ExcelJS from 'exceljs';
import { neutralize, Table, toCsv, toXlsx } from './tabular';

const table: Table = {
  title: '测试',
  columns: [
    { key: 'name', header: '名称' },
    { key: 'count', header: '件数' },
  ],
  rows: [
    { name: '=HYPERLINK("x")', count: 3 },
    { name: '含,逗号与"引号"\n换行', count: 0 },
    { name: '-1+2', count: -1 },
  ],
};

describe('exports', () => {
  it('prefixes text a spreadsheet would run as a formula', () => {
    expect(neutralize('=1+1')).toBe("'=1+1");
    expect(neutralize('+86')).toBe("'+86");
    expect(neutralize('@SUM')).toBe("'@SUM");
    expect(neutralize('-2')).toBe("'-2");
    expect(neutralize('龙桥街道')).toBe('龙桥街道');
  });

  it('writes CSV as UTF-8 with a BOM, CRLF and quoted fields', () => {
    const text = toCsv(table).toString('utf8');
    expect(text.startsWith('\uFEFF名称,件数\r\n')).toBe(true);
    expect(text).toContain(`"'=HYPERLINK(""x"")",3\r\n`);
    expect(text).toContain('"含,逗号与""引号""\n换行",0\r\n');
    expect(text).toContain("'-1+2,-1\r\n");
  });

  it('writes an XLSX that reads back with the same headers and exactly the same text, never as a formula', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await toXlsx(table)) as unknown as ExcelJS.Buffer,
    );
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([undefined, '名称', '件数']);
    expect(sheet.getRow(2).values).toEqual([undefined, `=HYPERLINK("x")`, 3]);
    expect(sheet.getRow(2).getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(sheet.rowCount).toBe(4);
  });
});
