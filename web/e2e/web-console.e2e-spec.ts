import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import { chromium, BrowserContext, Page } from 'playwright-core';
import { createService } from '@lianzhi/platform';
import {
  createTestEnvironment,
  eventually,
  TestEnvironment,
} from '@lianzhi/platform/testing';
import { AppModule as IntakeModule } from '../../apps/intake/src/app.module';
import { AppModule as RoutingModule } from '../../apps/routing/src/app.module';
import { AppModule as GatewayModule } from '../../apps/agency-gateway/src/app.module';
import { AppModule as ReportingModule } from '../../apps/reporting/src/app.module';

/**
 * The web console in headless Chromium against the four real services on
 * the real broker and database: what the operator types reaches the right
 * unit's inbox, the liaison acts on it, and the district sees the figures
 * move. Chromium comes from Debian (`apt-get install -y chromium`).
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = join(__dirname, '..', '..');
const SHOTS = join(ROOT, 'test-results', 'screenshots');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(
    `web console browser tests skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`,
  );
}
const describeInBrowser = hasChromium ? describe : describe.skip;

const ROOFTOP = '顶楼那家在楼顶又搭了个棚子住人，天天施工很吵 🏗️';

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(
      latest,
      entry.isDirectory() ? newest(path) : statSync(path).mtimeMs,
    );
  }
  return latest;
}

/** Builds the console when its bundle is missing or older than its sources. */
function ensureBuilt(): void {
  const index = join(ROOT, 'web', 'dist', 'index.html');
  const fresh =
    existsSync(index) &&
    statSync(index).mtimeMs >= newest(join(ROOT, 'web', 'src'));
  if (fresh) return;
  const built = spawnSync('npm', ['run', 'build:web'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (built.status !== 0) throw new Error('npm run build:web failed');
}

async function listen(app: NestExpressApplication): Promise<number> {
  await app.listen(0, '127.0.0.1');
  return (app.getHttpServer().address() as AddressInfo).port;
}

function startWeb(ports: Record<string, number>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(ROOT, 'tools', 'web', 'serve.mjs')], {
    env: {
      ...process.env,
      WEB_PORT: '0',
      INTAKE_PORT: String(ports.intake),
      ROUTING_PORT: String(ports.routing),
      GATEWAY_PORT: String(ports.gateway),
      REPORTING_PORT: String(ports.reporting),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (match) resolve({ child, url: `http://127.0.0.1:${match[1]}` });
    });
    child.once('exit', (code) => reject(new Error(`serve.mjs exited with ${code}`)));
  });
}

describeInBrowser('web console in the browser', () => {
  let env: TestEnvironment;
  const apps: NestExpressApplication[] = [];
  let web: { child: ChildProcess; url: string };
  let context: BrowserContext;
  let profile: string;

  beforeAll(async () => {
    ensureBuilt();
    mkdirSync(SHOTS, { recursive: true });
    env = await createTestEnvironment('web_console');
    const ports: Record<string, number> = {};
    const services = [
      ['intake', IntakeModule, 'intake'],
      ['routing', RoutingModule, 'routing'],
      ['gateway', GatewayModule, 'agency-gateway'],
      ['reporting', ReportingModule, 'reporting'],
    ] as const;
    for (const [key, module, title] of services) {
      const app = await createService(module.register(env.env()), title);
      apps.push(app);
      ports[key] = await listen(app);
    }
    web = await startWeb(ports);

    profile = mkdtempSync(join(tmpdir(), 'lianzhi-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 1440, height: 960 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await context?.close();
    web?.child.kill('SIGTERM');
    for (const app of apps.reverse()) await app.close();
    await env?.dispose();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  /** A fresh tab signed in as a demo user; each tab has its own session. */
  async function signIn(username: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(web.url);
    await page.locator('#username').fill(username);
    await page.locator('#password').fill('demo1234');
    await page.keyboard.press('Enter');
    await page.getByTestId('whoami').waitFor();
    return page;
  }

  async function figure(page: Page, name: string): Promise<string> {
    const card = page.getByTestId(`figure-${name}`);
    await card.waitFor();
    return (await card.locator('.ant-statistic-content').innerText()).trim();
  }

  async function shot(page: Page, name: string): Promise<void> {
    await page
      .locator('.ant-spin-spinning')
      .first()
      .waitFor({ state: 'detached', timeout: 5_000 })
      .catch(() => undefined);
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  }

  let caseNumber: string;

  it('takes a complaint at the console, previews its units and reads back the case number', async () => {
    const page = await signIn('op1');
    expect(page.url()).toContain('#/console');

    await page.keyboard.type('13812345678');
    await page.locator('#caller-name').fill('张三');
    await page.locator('#address-text').fill('鼓楼街道幸福小区3号楼');
    await page.keyboard.press('Tab');
    await page.locator('#description').fill(ROOFTOP);

    const preview = page.getByTestId('routing-preview');
    await preview.getByTestId('preview-unit').filter({ hasText: '区城管执法局' }).waitFor();
    await expect(preview.innerText()).resolves.toContain('牵头');
    await expect(preview.innerText()).resolves.toContain('依据');
    await shot(page, 'console-preview');

    await page.keyboard.press('Control+Enter');
    const number = page.getByTestId('case-number');
    const refusal = page.locator('[role=alert], .ant-form-item-explain-error').first();
    await Promise.race([
      number.waitFor(),
      refusal.waitFor().then(async () => {
        await shot(page, 'console-refused');
        throw new Error(`the console refused: ${await refusal.innerText()}`);
      }),
    ]);
    caseNumber = (await number.innerText()).trim();
    expect(caseNumber).toMatch(/\S{6,}/);
    await page.getByTestId('routed-unit').filter({ hasText: '区城管执法局' }).waitFor();
    await shot(page, 'console-result');
    await page.close();
  });

  it('offers the open case when the same matter is called in again and attaches it with Alt+1', async () => {
    const page = await signIn('op1');
    await page.locator('#address-text').fill('鼓楼街道幸福小区3号楼');
    await page.keyboard.press('Tab');
    await page.locator('#description').fill('顶楼那家在楼顶又搭了个棚子住人，还在施工很吵');

    const suggestion = page.getByTestId('similar-case').filter({ hasText: caseNumber });
    await suggestion.waitFor();
    await expect(suggestion.innerText()).resolves.toContain('Alt+1');
    await shot(page, 'console-repeat-suggestion');

    await page.keyboard.press('Alt+1');
    await page.getByText('已关联到在办案件').waitFor();
    await expect(page.getByTestId('case-number').innerText()).resolves.toBe(caseNumber);
    await page.close();
  });

  it('asks the operator which township when a village name stands under several', async () => {
    const page = await signIn('op1');
    await page.locator('#address-text').fill('李村');
    const option = page.locator('.ant-select-item-option').filter({ hasText: '同名' }).first();
    await option.waitFor();
    await option.click();

    const choice = page.getByTestId('township-choice');
    await choice.waitFor();
    expect(await choice.locator('.ant-radio-button-wrapper').count()).toBeGreaterThan(1);

    await page.locator('#description').fill('村里垃圾堆放');
    await page.getByTestId('submit').click();
    await choice.getByText('请选择所属镇街').waitFor();
    await shot(page, 'console-ambiguous-village');
    await page.close();
  });

  it('brings the case to the responsible unit, which acknowledges and resolves it, and the dashboard moves', async () => {
    const district = await signIn('super1');
    expect(district.url()).toContain('#/district');
    await eventually(async () => {
      await district.getByTestId('dashboard-refresh').click();
      return (await figure(district, 'received')) === '1';
    }, { what: 'the received figure to count the complaint' });
    const resolvedBefore = await figure(district, 'resolutionRate');

    const liaison = await signIn('chengguan1');
    expect(liaison.url()).toContain('#/inbox');
    const row = liaison.getByTestId('inbox-table').locator('tr', { hasText: caseNumber });
    await row.waitFor();
    await shot(liaison, 'inbox');
    await row.click();

    const detail = liaison.getByTestId('assignment-detail');
    await detail.waitFor();
    await expect(detail.innerText()).resolves.toContain('楼顶');
    await liaison.getByTestId('action-acknowledge').click();
    await liaison.getByTestId('assignment-state').filter({ hasText: '已签收' }).waitFor();

    await liaison.getByTestId('action-resolve').click();
    const dialog = liaison.locator('.ant-modal-content');
    await dialog.locator('textarea').first().fill('已责令拆除楼顶违建，现场已恢复原状 ✅');
    await dialog.getByRole('button', { name: /提\s*交/ }).click();
    await liaison.getByTestId('assignment-state').filter({ hasText: '已反馈' }).waitFor();
    await shot(liaison, 'inbox-resolved');

    await eventually(async () => {
      await district.getByTestId('dashboard-refresh').click();
      return (await figure(district, 'resolutionRate')) !== resolvedBefore;
    }, { what: 'the resolved figure to move' });
    await shot(district, 'district-dashboard');
    for (const [tab, name] of [
      ['人工派单', 'district-dispatch-queue'],
      ['退单审定', 'district-arbitration'],
      ['联席会议', 'district-joint-meeting'],
      ['月度报告', 'district-monthly-report'],
    ]) {
      await district.getByRole('tab', { name: tab }).click();
      await district.locator('.ant-tabs-tabpane-active .ant-card').first().waitFor();
      await shot(district, name);
    }
    await district.getByTestId('monthly-report').waitFor();
    await liaison.close();
    await district.close();
  });

  it('keeps another unit out of the case and out of other workspaces', async () => {
    const other = await signIn('gongan1');
    await other.getByTestId('inbox-table').waitFor();
    await expect(other.getByTestId('inbox-table').innerText()).resolves.not.toContain(caseNumber);

    const chengguan = await signIn('chengguan1');
    const row = chengguan.getByTestId('inbox-table').locator('tr', { hasText: caseNumber });
    await row.waitFor();
    const assignmentId = await row.getAttribute('data-row-key');
    await chengguan.close();

    const status = await other.evaluate(async (id) => {
      const session = JSON.parse(sessionStorage.getItem('lianzhi.session') ?? '{}');
      const res = await fetch(`/api/gateway/assignments/${id}`, {
        headers: { Authorization: `Bearer ${session.token}` },
      });
      return res.status;
    }, assignmentId);
    expect([403, 404]).toContain(status);

    await other.goto(`${web.url}/#/district`);
    await other.getByText('无权访问').waitFor();
    await other.close();
  });

  it('gives a township coordinator the dashboard of their own area', async () => {
    const page = await signIn('longqiao1');
    expect(page.url()).toContain('#/area');
    await page.getByText('龙桥街道执法联动指标').waitFor();
    await page.getByTestId('figures').waitFor();
    await shot(page, 'township-area');
    await page.close();
  });
});
