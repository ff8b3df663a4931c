import { existsSync, readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import { createTestEnvironment, TestEnvironment } from '@lianzhi/platform/testing';
import { DirectSink, HttpSink, importComplaints } from '../src/bulk-import/bulk-importer';
import { parseCsv, parseJsonl } from '../src/bulk-import/complaint-source';
import { CreateComplaintHandler } from '../src/create-complaint/create-complaint.handler';
import { bootIntake, tokens } from './support';

/** Real messages are read from the shared folder at run time, never copied here. */
const REAL_COMPLAINTS =
  process.env.REAL_COMPLAINTS_FILE ??
  join(__dirname, '../../../../shared/data/real-complaints/complaints.jsonl');
const FIRST = 500;

describe('bulk import of exported complaints', () => {
  let env: TestEnvironment;
  let app: NestExpressApplication;

  beforeAll(async () => {
    env = await createTestEnvironment('intake_import');
    app = await bootIntake(env);
  });

  afterAll(async () => {
    await app?.close();
    await env?.dispose();
  });

  (existsSync(REAL_COMPLAINTS) ? it : it.skip)(
    `imports the first ${FIRST} real complaints once, and nothing on a second run`,
    async () => {
      const lines = readFileSync(REAL_COMPLAINTS, 'utf8').split('\n').slice(0, FIRST).join('\n');
      const records = parseJsonl(lines);
      const sink = new DirectSink(app.get(CreateComplaintHandler));

      const first = await importComplaints(records, sink, { concurrency: 16 });
      expect(first.read).toBe(FIRST);
      expect(first.accepted + first.rejected + first.duplicates).toBe(FIRST);
      expect(first.accepted).toBeGreaterThan(FIRST * 0.9);
      expect(first.duplicates).toBe(0);

      const [{ n }] = await env.query<{ n: number }>(
        `select count(*)::int as n from intake.cases where channel = 'web'`,
      );
      expect(n).toBe(first.accepted);
      const [{ events }] = await env.query<{ events: number }>(
        `select count(*)::int as events from intake.outbox`,
      );
      expect(events).toBe(first.accepted);

      const again = await importComplaints(records, sink, { concurrency: 16 });
      expect(again.accepted).toBe(0);
      expect(again.duplicates).toBe(first.accepted);
      expect(again.rejected).toBe(first.rejected);
    },
  );

  it('imports CSV over HTTP, rejecting bad records with their reasons', async () => {
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const csv = [
      'id,title,detail,submittedAt',
      'c-1,龙桥街道幸福小区电梯故障,"电梯停在6楼，""按钮""失灵，\n已报修无人管",2024-05-01T09:00:00+08:00',
      'c-2,空详情,,2024-05-01T09:00:00+08:00',
      `c-3,过长,${'长'.repeat(5001)},2024-05-01T09:00:00+08:00`,
      'c-4,坏字符,"含\u0000字符",2024-05-01T09:00:00+08:00',
      'c-5,only,three',
      'c-1,龙桥街道幸福小区电梯故障,"电梯停在6楼，""按钮""失灵，\n已报修无人管",2024-05-01T09:00:00+08:00',
    ].join('\r\n');
    const sink = new HttpSink(`http://127.0.0.1:${port}`, tokens.operator);

    const summary = await importComplaints(parseCsv(csv), sink, { concurrency: 1 });
    expect(summary).toMatchObject({ read: 6, accepted: 1, duplicates: 1, rejected: 4 });
    expect(summary.reasons).toEqual({
      'VALIDATION.IS_NOT_EMPTY description': 1,
      'VALIDATION.MAX_LENGTH description': 1,
      'VALIDATION.NO_CONTROL_CHARACTERS description': 1,
      unreadable: 1,
    });

    const [row] = await env.query<{ description: string }>(
      `select description from intake.cases where title = '龙桥街道幸福小区电梯故障'`,
    );
    expect(row.description).toBe('电梯停在6楼，"按钮"失灵，\n已报修无人管');
  });
});
