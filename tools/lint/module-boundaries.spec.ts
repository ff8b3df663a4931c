import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** The architecture's import rules, checked by the linter the suite runs. */
describe('module boundaries', () => {
  const root = join(__dirname, '..', '..');

  beforeAll(() => {
    execFileSync('npx', ['nx', 'show', 'projects'], { cwd: root, stdio: 'ignore' });
  });

  async function errorsOf(file: string, code: string): Promise<string[]> {
    // ESLint runs in its own process: its flat config is an ES module.
    const run = spawnSync(
      'npx',
      ['eslint', '--stdin', '--stdin-filename', file, '--format', 'json'],
      { cwd: root, input: code, encoding: 'utf8' },
    );
    const [result] = JSON.parse(run.stdout) as {
      messages: { severity: number; ruleId: string | null; message: string }[];
    }[];
    return result.messages
      .filter((m) => m.severity === 2)
      .map((m) => m.ruleId ?? m.message);
  }

  it('keeps libs/domain free of NestJS, TypeORM, kafkajs and pg', async () => {
    for (const pkg of ['@nestjs/common', 'typeorm', 'kafkajs', 'pg']) {
      const errors = await errorsOf(
        'libs/domain/src/units/boundary-probe.ts',
        `import * as x from '${pkg}';\nexport const y = x;\n`,
      );
      expect(errors).toContain('no-restricted-imports');
    }
  });

  it('stops one app from importing another', async () => {
    const errors = await errorsOf(
      'apps/routing/src/boundary-probe.ts',
      `import * as x from '@lianzhi/intake';\nexport const y = x;\n`,
    );
    expect(errors).toContain('@nx/enforce-module-boundaries');
  });

  it('lets an app import the shared libraries', async () => {
    const errors = await errorsOf(
      'apps/routing/src/boundary-probe.ts',
      `import * as d from '@lianzhi/domain';\nimport * as p from '@lianzhi/platform';\nexport const y = [d, p];\n`,
    );
    expect(errors).toEqual([]);
  });
});
