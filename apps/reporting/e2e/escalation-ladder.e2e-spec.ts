import request from 'supertest';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Clock, createService } from '@lianzhi/platform';
import {
  createTestEnvironment,
  eventually,
  TestEnvironment,
  tokenFor,
} from '@lianzhi/platform/testing';
import { AppModule } from '../src/app.module';
import { EscalationScheduler } from '../src/escalation/escalation.scheduler';
import {
  acknowledged,
  EventPublisher,
  openedCase,
  resolved,
} from './support/case-events';

const HOUR = 3600_000;
const START = '2026-03-02T00:00:00.000Z';

describe('escalation ladder under a driven clock', () => {
  let env: TestEnvironment;
  let app: NestExpressApplication;
  let publisher: EventPublisher;
  let clock: Clock;
  let scheduler: EscalationScheduler;
  const supervisor = tokenFor({ sub: 's1', name: '督查', role: 'supervisor' });

  const stalled = openedCase({
    caseId: randomUUID(),
    caseNumber: 'YZ20260302-0001',
    township: 'gulou',
    receivedAt: START,
    units: ['chengguan'],
  });
  const fixed = openedCase({
    caseId: randomUUID(),
    caseNumber: 'YZ20260302-0002',
    township: 'gulou',
    receivedAt: START,
    units: ['zhujian'],
  });
  const stalledCase = stalled.events[0].caseId;
  const fixedCase = fixed.events[0].caseId;

  const steps = (caseId: string) =>
    env.query<{ step: string; points: number }>(
      `select data->>'step' as step, (data->>'pointsDeducted')::int as points
         from reporting.events where case_id = $1 and type = 'CaseEscalated'
        order by occurred_at`,
      [caseId],
    );

  async function advanceAndRun(hours: number): Promise<number> {
    clock.advance(hours * HOUR);
    return scheduler.runOnce();
  }

  beforeAll(async () => {
    env = await createTestEnvironment('reporting_ladder');
    app = await createService(
      AppModule.register(
        env.env({ CLOCK: 'manual', REPORTING_LADDER_HOURS: '0,24,48,72,120' }),
      ),
      'reporting',
    );
    await app.init();
    clock = app.get(Clock);
    clock.set(new Date(START));
    scheduler = app.get(EscalationScheduler);
    publisher = new EventPublisher(env.kafka(), env.topic);

    await publisher.publish([...stalled.events, ...fixed.events]);
    await eventually(
      async () =>
        (await env.query(`select 1 from reporting.assignments`)).length === 2,
      { what: 'both assignments projected' },
    );
  });

  afterAll(async () => {
    await publisher?.close();
    await app?.close();
    await env?.dispose();
  });

  it('takes no step while the deadlines hold', async () => {
    expect(await advanceAndRun(1)).toBe(0);
  });

  it('walks 催办 → 交办单 → 督办单 → 联席会议 → 领导小组办公室, each once, with −2 for the 督办单', async () => {
    // Both missed the 签收 deadline (routed at +0.1 h, 1 h to sign).
    expect(await advanceAndRun(0.5)).toBe(2);

    // The resolved unit leaves the ladder; the stalled one goes on.
    await publisher.publish([
      acknowledged(
        fixedCase,
        fixed.assignments.zhujian,
        'zhujian',
        clock.now().toISOString(),
      ),
      resolved(
        fixedCase,
        fixed.assignments.zhujian,
        'zhujian',
        clock.now().toISOString(),
      ),
    ]);
    await eventually(
      async () =>
        (
          await env.query(
            `select 1 from reporting.assignments where case_id = $1 and resolved_at is not null`,
            [fixedCase],
          )
        ).length === 1,
      { what: 'resolution projected' },
    );

    expect(await advanceAndRun(24)).toBe(1);
    expect(await advanceAndRun(24)).toBe(1);
    expect(await advanceAndRun(24)).toBe(1);
    expect(await advanceAndRun(24)).toBe(0);
    expect(await advanceAndRun(24)).toBe(1);
    expect(await advanceAndRun(240)).toBe(0);

    const walked = await eventually(
      async () => {
        const rows = await steps(stalledCase);
        return rows.length === 5 ? rows : null;
      },
      { what: 'five escalations projected' },
    );
    expect(walked).toEqual([
      { step: 'reminder', points: 0 },
      { step: 'assignment-order', points: 0 },
      { step: 'supervision-order', points: 2 },
      { step: 'joint-meeting', points: 0 },
      { step: 'leading-group', points: 0 },
    ]);
    expect(await steps(fixedCase)).toEqual([{ step: 'reminder', points: 0 }]);

    const [assignment] = await env.query<{
      supervision_orders: number;
      escalation_step: string;
    }>(
      `select supervision_orders, escalation_step from reporting.assignments where case_id = $1`,
      [stalledCase],
    );
    expect(assignment).toEqual({
      supervision_orders: 1,
      escalation_step: 'leading-group',
    });
  });

  it('records each step once even when runs overlap', async () => {
    await Promise.all([
      scheduler.runOnce(),
      scheduler.runOnce(),
      scheduler.runOnce(),
    ]);
    const [row] = await env.query<{ n: number }>(
      `select count(*)::int as n from reporting.escalation_steps where case_id = $1`,
      [stalledCase],
    );
    expect(row.n).toBe(5);
  });

  it('shows the ladder on the case timeline with Chinese labels and reasons', async () => {
    const res = await request(app.getHttpServer())
      .get(`/cases/${stalledCase}/timeline`)
      .set('Authorization', `Bearer ${supervisor}`);
    expect(res.status).toBe(200);
    const labels = res.body.events.map((e: { label: string }) => e.label);
    expect(labels).toEqual([
      '受理',
      '派单',
      '派发单位',
      '催办',
      '交办单',
      '督办单',
      '联席会议',
      '区社区物业管理领导小组办公室',
    ]);
    const supervision = res.body.events[5];
    expect(supervision.reason).toContain('扣2分');
    expect(supervision.actor).toEqual({ kind: 'system', id: 'system' });
  });

  it('exports the timeline as CSV and XLSX with Chinese headers', async () => {
    const timeline = (format: string) =>
      request(app.getHttpServer())
        .get(`/cases/${stalledCase}/timeline?format=${format}`)
        .set('Authorization', `Bearer ${supervisor}`)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });

    const csv = (await timeline('csv')).body.toString('utf8') as string;
    const lines = csv
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean);
    expect(lines[0]).toBe('时间,环节,单位,操作人,原因/结果,事件编号');
    expect(lines.map((line) => line.split(',')[1])).toContain('督办单');

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await timeline('xlsx')).body);
    const sheet = workbook.worksheets[0];
    expect(sheet.rowCount).toBe(lines.length);
    expect(sheet.getRow(7).getCell(2).value).toBe('督办单');
  });

  it('dead-letters an event whose data cannot be projected and goes on with the partition', async () => {
    const broken = {
      ...fixed.events[2],
      id: randomUUID(),
      data: { unit: 'gongan' },
    };
    const after = acknowledged(
      fixedCase,
      fixed.assignments.zhujian,
      'zhujian',
      clock.now().toISOString(),
    );
    await publisher.publish([broken as never, after]);

    await eventually(
      async () =>
        (
          await env.query(`select 1 from reporting.events where id = $1`, [
            after.id,
          ])
        ).length === 1,
      { what: 'the next event of the partition applied' },
    );
    expect(
      await env.query(`select 1 from reporting.events where id = $1`, [
        broken.id,
      ]),
    ).toEqual([]);
    const [outcome] = await env.query<{ outcome: string }>(
      `select outcome from reporting.processed_events where event_id = $1`,
      [broken.id],
    );
    expect(outcome.outcome).toBe('dead-lettered');
  });

  it('lets a liaison read only timelines of cases its unit holds', async () => {
    const own = tokenFor({
      sub: 'l1',
      name: '联络员',
      role: 'liaison',
      unit: 'chengguan',
    });
    const other = tokenFor({
      sub: 'l2',
      name: '联络员',
      role: 'liaison',
      unit: 'gongan',
    });
    const township = tokenFor({
      sub: 't1',
      name: '镇街',
      role: 'township',
      township: 'longqiao',
    });
    const get = (token: string) =>
      request(app.getHttpServer())
        .get(`/cases/${stalledCase}/timeline`)
        .set('Authorization', `Bearer ${token}`);

    expect((await get(own)).status).toBe(200);
    expect((await get(other)).status).toBe(403);
    expect((await get(township)).status).toBe(403);
  });
});
