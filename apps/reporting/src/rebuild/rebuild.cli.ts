import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { ProjectionRebuild } from './projection-rebuild';

/**
 * Rebuilds the reporting projections from Kafka and exits:
 *   node -r ./tools/register.js apps/reporting/src/rebuild/rebuild.cli.ts
 * It neither consumes live, escalates nor publishes: the running service
 * keeps doing that and the swap takes in what it stored meanwhile.
 */
async function main(): Promise<void> {
  process.env.OUTBOX_RELAY = 'off';
  const app = await NestFactory.createApplicationContext(
    AppModule.register({ ...process.env, REPORTING_MODE: 'rebuild' }),
    { logger: ['error', 'warn', 'log'] },
  );
  try {
    const result = await app.get(ProjectionRebuild).rebuild();
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await app.close();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`rebuild failed: ${error.message}\n`);
  process.exit(1);
});
