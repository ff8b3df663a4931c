/**
 * Reading complaints exported by other systems: JSONL or CSV with the
 * fields id, title, detail, submittedAt (the shape of the 问政 board export).
 */
export interface SourceRecord {
  /** 1-based line (JSONL) or record (CSV) number, for error reports. */
  readonly line: number;
  readonly fields: Record<string, unknown>;
}

export interface UnreadableRecord {
  readonly line: number;
  readonly reason: string;
}

export type ParsedRecord = SourceRecord | UnreadableRecord;

export function isUnreadable<T extends object>(
  record: T | UnreadableRecord,
): record is UnreadableRecord {
  return 'reason' in record;
}

export function parseJsonl(text: string): ParsedRecord[] {
  const records: ParsedRecord[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') return;
    try {
      const value = JSON.parse(line);
      if (!value || typeof value !== 'object' || Array.isArray(value)) {
        records.push({ line: i + 1, reason: 'not a JSON object' });
      } else {
        records.push({ line: i + 1, fields: value });
      }
    } catch {
      records.push({ line: i + 1, reason: 'not valid JSON' });
    }
  });
  return records;
}

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): ParsedRecord[] {
  const rows = csvRows(text.replace(/^\uFEFF/, ''));
  if (rows.length === 0) return [];
  const header = rows[0].map((h) => h.trim());
  return rows.slice(1).flatMap((row, i): ParsedRecord[] => {
    if (row.length === 1 && row[0] === '') return [];
    if (row.length !== header.length) {
      return [{ line: i + 2, reason: `has ${row.length} fields, the header ${header.length}` }];
    }
    return [{ line: i + 2, fields: Object.fromEntries(header.map((h, j) => [h, row[j]])) }];
  });
}

function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;

  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
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
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export interface ImportedComplaint {
  /** The source id: the idempotency key, so a re-import applies nothing twice. */
  readonly key: string;
  readonly body: Record<string, unknown>;
}

/**
 * Maps one exported message to a complaint on the web channel. Values are
 * passed on as they are, so that intake's validation judges them: a message
 * too long or with control characters is rejected, never cut.
 */
export function toComplaint(record: SourceRecord): ImportedComplaint | UnreadableRecord {
  const { id, title, detail, submittedAt } = record.fields;
  if (typeof id !== 'string' && typeof id !== 'number') {
    return { line: record.line, reason: 'id: missing' };
  }
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
  const address = guessAddress(text(title) ?? '', text(detail) ?? '');

  return {
    key: String(id),
    body: {
      channel: 'web',
      description: detail,
      ...(text(title) ? { title } : {}),
      address: { text: address },
      ...(text(submittedAt) ? { happenedAt: submittedAt } : {}),
    },
  };
}

const PLACE =
  /(?:[\u4e00-\u9fa5A-Za-z0-9]{1,12}?(?:省|市|区|县|镇|乡|街道|路|街|巷|村|组|社区|小区|花园|苑|公寓|大厦|广场|市场)){1,6}/u;

/** The first run of place names in the title, else in the detail. */
export function guessAddress(title: string, detail: string): string {
  const found = PLACE.exec(title)?.[0] ?? PLACE.exec(detail)?.[0];
  if (found) return found;
  // LIMITATION: with no place name, the title stands in for the address and
  // routing will ask an operator to settle the township.
  return [...(title || detail || '地址不详')].slice(0, 100).join('');
}
