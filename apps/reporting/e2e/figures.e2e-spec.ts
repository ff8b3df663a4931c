import request from 'supertest';
import ExcelJS from 'exceljs';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Clock, createService, EventConsumers } from '@lianzhi/platform';
import {
  createTestEnvironment,
  eventually,
  TestEnvironment,
  tokenFor,
} from '@lianzhi/platform/testing';
import { Scope } from '../src/access/scope';
import { AppModule } from '../src/app.module';
import { DashboardFigures } from '../src/dashboard/dashboard-figures';
import { EventPublisher } from './support/case-events';
import { marchFixture } from './support/march-fixture';

const MARCH = { from: '2026-03-01', to: '2026-04-01' };

describe('reporting figures on a hand-counted month', () => {
  let env: TestEnvironment;
  let app: NestExpressApplication;
  let publisher: EventPublisher;
  const fixture = marchFixture();
  const { ids } = fixture;
  const all = Object.values(fixture.events).flat();
  const supervisor = tokenFor({ sub: 's1', name: '督查', role: 'supervisor' });
  const admin = tokenFor({ sub: 'a1', name: '管理', role: 'admin' });

  const get = (path: string, token = supervisor) =>
    request(app.getHttpServer())
      .get(path)
      .set('Authorization', `Bearer ${token}`);

  const dashboard = async (scope = 'district') => {
    const res = await get(
      `/dashboard?scope=${scope}&from=${MARCH.from}&to=${MARCH.to}`,
    );
    expect([res.status, res.body.detail]).toEqual([200, undefined]);
    return res.body;
  };

  const snapshot = async () => ({
    events: await env.query(
      `select id, case_id, type, occurred_at, actor, data from reporting.events order by id`,
    ),
    cases: await env.query(`select * from reporting.cases order by case_id`),
    assignments: await env.query(
      `select * from reporting.assignments order by assignment_id`,
    ),
  });

  const eventCount = async () =>
    (
      await env.query<{ n: number }>(
        `select count(*)::int as n from reporting.events`,
      )
    )[0].n;

  /** Long dashboards read the daily figures; they must count what the rows do. */
  async function expectDailyFiguresEqualRows(): Promise<void> {
    const figures = app.get(DashboardFigures);
    const now = app.get(Clock).now();
    const scopes: Scope[] = [
      { kind: 'district' },
      { kind: 'unit', code: 'chengguan' },
      { kind: 'unit', code: 'zhujian' },
      { kind: 'township', code: 'gulou' },
      { kind: 'township', code: 'longqiao' },
    ];
    const windows = [
      {
        from: new Date('2026-02-01T00:00:00+08:00'),
        to: new Date('2026-04-01T00:00:00+08:00'),
      },
      {
        from: new Date('2026-02-10T05:30:00Z'),
        to: new Date('2026-03-05T07:00:00Z'),
      },
    ];
    for (const scope of scopes) {
      for (const window of windows) {
        const rows = await figures.direct(scope, window, now);
        expect([
          scope,
          await figures.fromDailyFigures(scope, window, now),
        ]).toEqual([scope, rows]);
      }
    }
  }

  beforeAll(async () => {
    env = await createTestEnvironment('reporting_figures');
    app = await createService(
      AppModule.register(env.env({ CLOCK: 'manual' })),
      'reporting',
    );
    await app.init();
    app.get(Clock).set(new Date('2026-04-10T00:00:00Z'));
    publisher = new EventPublisher(env.kafka(), env.topic);

    // Case C arrives back to front: results before the assignments they answer.
    await publisher.publish([
      ...fixture.events.A,
      ...fixture.events.B,
      ...[...fixture.events.C].reverse(),
      ...fixture.events.D,
      ...fixture.events.E,
    ]);
    await eventually(async () => (await eventCount()) === all.length, {
      what: 'every event stored',
    });
  });

  afterAll(async () => {
    await publisher?.close();
    await app?.close();
    await env?.dispose();
  });

  it('counts the dashboard as a hand count does', async () => {
    const { figures } = await dashboard();
    const pick = (name: string) => [
      figures[name].numerator,
      figures[name].denominator,
    ];
    expect({
      issued: pick('issued'),
      open: pick('open'),
      overdue: pick('overdue'),
      acknowledgedOnTime: pick('acknowledgedOnTime'),
      resolved: pick('resolved'),
      returned: pick('returned'),
      received: pick('received'),
      closed: pick('closed'),
      reopened: pick('reopened'),
      acknowledgementRate: pick('acknowledgementRate'),
      onTimeAcknowledgementRate: pick('onTimeAcknowledgementRate'),
      resolutionRate: pick('resolutionRate'),
      onTimeResolutionRate: pick('onTimeResolutionRate'),
      overdueUnresolved: pick('overdueUnresolved'),
      returnRate: pick('returnRate'),
      extensionRate: pick('extensionRate'),
      reopenRate: pick('reopenRate'),
      satisfactionRate: pick('satisfactionRate'),
      firstDispatchAccuracy: pick('firstDispatchAccuracy'),
      repeatComplaints: pick('repeatComplaints'),
    }).toEqual({
      issued: [5, null],
      open: [2, null],
      overdue: [2, null],
      acknowledgedOnTime: [3, null],
      resolved: [2, null],
      returned: [1, null],
      received: [4, null],
      closed: [2, null],
      reopened: [1, null],
      acknowledgementRate: [4, 4],
      onTimeAcknowledgementRate: [3, 4],
      resolutionRate: [2, 4],
      onTimeResolutionRate: [2, 4],
      overdueUnresolved: [2, null],
      returnRate: [1, 5],
      extensionRate: [1, 4],
      reopenRate: [1, 3],
      satisfactionRate: [1, 2],
      firstDispatchAccuracy: [3, 4],
      repeatComplaints: [1, null],
    });
    expect(figures.onTimeResolutionRate).toMatchObject({
      value: 0.5,
      formula: '按期办结率 = 按期办结数 ÷ 应办结数',
    });
  });

  it('drills every figure down to exactly the rows behind it', async () => {
    const { figures } = await dashboard();
    for (const [name, figure] of Object.entries<{
      numerator: number;
      denominator: number | null;
    }>(figures)) {
      const res = await get(
        `/dashboard/drilldown?metric=${name}&from=${MARCH.from}&to=${MARCH.to}`,
      );
      expect([name, res.body.count]).toEqual([name, figure.numerator]);
      if (figure.denominator !== null) {
        const of = await get(
          `/dashboard/drilldown?metric=${name}&part=denominator&from=${MARCH.from}&to=${MARCH.to}`,
        );
        expect([name, of.body.count]).toEqual([name, figure.denominator]);
      }
    }

    const caseIds = async (query: string) =>
      (
        await get(
          `/dashboard/drilldown?${query}&from=${MARCH.from}&to=${MARCH.to}`,
        )
      ).body.items
        .map((item: { caseId: string }) => item.caseId)
        .sort();
    expect(await caseIds('metric=overdue')).toEqual([ids.B, ids.C].sort());
    expect(await caseIds('metric=reopenRate&part=denominator')).toEqual(
      [ids.A, ids.C, ids.D].sort(),
    );
    expect(await caseIds('metric=repeatComplaints')).toEqual([ids.B]);
    expect(await caseIds('metric=overdue&scope=township:longqiao')).toEqual([
      ids.C,
    ]);
  });

  it('keeps a liaison to their own unit and a coordinator to their township', async () => {
    const liaison = tokenFor({
      sub: 'l1',
      name: 'l',
      role: 'liaison',
      unit: 'zhujian',
    });
    const own = await get(
      `/dashboard?from=${MARCH.from}&to=${MARCH.to}`,
      liaison,
    );
    expect(own.body.scope).toBe('unit:zhujian');
    expect(own.body.figures.issued.numerator).toBe(1);
    expect((await get(`/dashboard?scope=district`, liaison)).status).toBe(403);

    const coordinator = tokenFor({
      sub: 't1',
      name: 't',
      role: 'township',
      township: 'gulou',
    });
    expect(
      (await get(`/dashboard?scope=township:longqiao`, coordinator)).status,
    ).toBe(403);
    const drill = await get(
      `/dashboard/drilldown?metric=received&from=${MARCH.from}&to=${MARCH.to}`,
      coordinator,
    );
    expect(
      drill.body.items.map((i: { caseId: string }) => i.caseId).sort(),
    ).toEqual([ids.A, ids.B].sort());
  });

  it('leaves every figure unchanged when all events are delivered again, shuffled', async () => {
    const before = await snapshot();
    const figures = (await dashboard()).figures;
    const consumers = app.get(EventConsumers);
    const duplicatesBefore = consumers.stats.duplicates;

    const shuffled = [...all].sort(() => Math.random() - 0.5);
    await publisher.publish(shuffled);
    await eventually(
      async () => consumers.stats.duplicates - duplicatesBefore >= all.length,
      { what: 'every redelivery seen' },
    );

    expect((await dashboard()).figures).toEqual(figures);
    expect(await snapshot()).toEqual(before);
  });

  it('counts long windows from daily figures exactly as row by row', async () => {
    await expectDailyFiguresEqualRows();
    const { figures } = await dashboard();
    const long = await get('/dashboard?from=2025-12-01&to=2026-04-01');
    expect(long.body.figures.received.numerator).toBe(5);
    expect(long.body.figures.overdue).toEqual({
      ...figures.overdue,
      drilldown: expect.any(String),
    });
  });

  it('writes the monthly report as counted by hand, due by the 5th', async () => {
    await request(app.getHttpServer())
      .put(`/property-companies/${encodeURIComponent('鲁兴物业')}/households`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ households: 400 })
      .expect(200);

    const { body: report } = await get('/reports/monthly?month=2026-03').expect(
      200,
    );
    expect(report.dueBy).toBe('2026-04-05');
    expect(report.totals).toMatchObject({
      complaints: 4,
      supervisionOrders: 1,
      overdue: 2,
    });

    const township = (code: string) =>
      report.townships.find((t: { township: string }) => t.township === code);
    expect(township('gulou')).toMatchObject({
      name: '鼓楼街道',
      complaints: 2,
      resolutionRate: { numerator: 1, denominator: 2, value: 0.5 },
      overdue: 1,
      supervisionOrders: 1,
    });
    expect(township('longqiao')).toMatchObject({
      complaints: 2,
      resolutionRate: { numerator: 1, denominator: 2 },
      overdue: 1,
      supervisionOrders: 0,
    });

    const company = (name: string) =>
      report.propertyCompanies.find(
        (c: { company: string }) => c.company === name,
      );
    expect(company('鲁兴物业')).toMatchObject({
      households: 400,
      complaints: 2,
      complaintRate: { value: 0.005, basis: 'households' },
      resolutionRate: { numerator: 1, denominator: 2 },
      supervisionOrders: 1,
      deductions: { complaintPoints: 2, supervisionPoints: 2, total: 4 },
      indicativeScore: 96,
      indicativeStars: 5,
    });
    expect(company('金鼎物业')).toMatchObject({
      households: null,
      complaintRate: { value: 1, basis: 'count' },
      resolutionRate: { numerator: 0, denominator: 1 },
      deductions: { complaintPoints: 7, supervisionPoints: 0, total: 7 },
      indicativeScore: 93,
      indicativeStars: 4,
    });
    expect(report.units).toEqual([
      expect.objectContaining({
        unit: 'chengguan',
        supervisionOrders: 1,
        pointsDeducted: 2,
      }),
    ]);
    expect(
      report.overdue.map((o: { caseId: string }) => o.caseId).sort(),
    ).toEqual([ids.B, ids.C].sort());
  });

  it('exports the report as CSV and XLSX that parse back', async () => {
    const csv = await get('/reports/monthly?month=2026-03&format=csv&section=1')
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(csv.headers['content-type']).toContain('text/csv');
    const text = (csv.body as Buffer).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe(
      '物业服务企业,服务户数,投诉件数,投诉率,办结率,督办单数,扣分,参考得分,参考星级',
    );
    expect(lines).toContain('鲁兴物业,400,2,0.500%,50.00%,1,4,96,5');

    const xlsx = await get('/reports/monthly?month=2026-03&format=xlsx')
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '2026-03月报-镇街',
      '2026-03月报-物业服务企业',
      '2026-03月报-单位督办',
      '2026-03月报-超期清单',
      '2026-03月报-督办单',
    ]);
    const companies = workbook.getWorksheet('2026-03月报-物业服务企业')!;
    const rows = companies
      .getSheetValues()
      .slice(2)
      .map((r) => (r as unknown[]).slice(1));
    expect(rows).toContainEqual([
      '金鼎物业',
      '未登记',
      1,
      '1件（未登记户数）',
      '0.00%',
      0,
      7,
      93,
      4,
    ]);

    const drill = await get(
      `/dashboard/drilldown?metric=overdue&from=${MARCH.from}&to=${MARCH.to}&format=csv`,
    );
    expect(drill.text.split('\r\n').filter(Boolean)).toHaveLength(1 + 2);
  });

  it('prepares the joint meeting agenda and records its decisions as events', async () => {
    const coordinator = tokenFor({
      sub: 't1',
      name: 't',
      role: 'township',
      township: 'gulou',
    });
    const agenda = await get(
      '/joint-meetings/gulou/agenda?month=2026-04',
      coordinator,
    ).expect(200);
    expect(agenda.body.items).toEqual([
      expect.objectContaining({
        caseId: ids.B,
        reasons: ['超期未办结', '重复投诉（3次及以上）'],
        units: ['chengguan'],
      }),
    ]);
    expect(
      (await get('/joint-meetings/longqiao/agenda?month=2026-04', coordinator))
        .status,
    ).toBe(403);

    const minutes = {
      township: 'gulou',
      month: '2026-04',
      heldAt: '2026-04-09T02:00:00.000Z',
      attendees: ['鼓楼街道', '区城管执法局'],
      decisions: [
        {
          caseId: ids.B,
          decision: 'assign',
          units: ['chengguan'],
          note: '限期一周拆除',
        },
      ],
    };
    const post = (body: object) =>
      request(app.getHttpServer())
        .post('/joint-meetings')
        .set('Authorization', `Bearer ${coordinator}`)
        .send(body);

    expect(
      (
        await post({
          ...minutes,
          decisions: [{ ...minutes.decisions[0], caseId: ids.C }],
        })
      ).body,
    ).toMatchObject({
      code: 'MEETING.CASE_OF_OTHER_TOWNSHIP',
      field: 'decisions.0.caseId',
    });
    expect(
      (
        await post({
          ...minutes,
          decisions: [{ caseId: ids.B, decision: 'assign', note: '' }],
        })
      ).status,
    ).toBe(400);
    expect((await post(minutes)).status).toBe(201);

    await eventually(
      async () =>
        (await get('/joint-meetings/gulou/agenda?month=2026-04', coordinator))
          .body.items.length === 0,
      { what: 'the decided case leaves the agenda' },
    );
    const timeline = await get(`/cases/${ids.B}/timeline`);
    expect(timeline.body.events.at(-1)).toMatchObject({
      label: '联席会议决定',
      reason: '限期一周拆除',
      actor: { kind: 'user', id: 't1', role: 'township' },
    });
  });

  it('rebuilds from the first offset into projections equal to the live ones', async () => {
    const live = await snapshot();
    // Damage the live projections: the rebuild must not read them.
    await env.query(`delete from reporting.cases where case_id = $1`, [ids.A]);
    await env.query(`update reporting.assignments set resolved_at = null`);

    const res = await request(app.getHttpServer())
      .post('/admin/rebuild')
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(res.body.events).toBe(live.events.length);
    expect(await snapshot()).toEqual(live);
    expect((await dashboard()).figures.resolved.numerator).toBe(2);
    await expectDailyFiguresEqualRows();

    expect(
      (
        await request(app.getHttpServer())
          .post('/admin/rebuild')
          .set('Authorization', `Bearer ${supervisor}`)
      ).status,
    ).toBe(403);
  });
});
