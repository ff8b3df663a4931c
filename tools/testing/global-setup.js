/**
 * Jest's global setup for integration tests: makes sure a real Kafka broker
 * and a PostgreSQL server are there, and tells the test workers where.
 * `npm test` starts both beforehand; this also covers a bare `npx jest`.
 */
module.exports = async () => {
  const { start, createTopics, KAFKA_BROKERS } = await import('../kafka/launcher.mjs');
  const { resolvePostgres } = await import('../postgres.mjs');

  if (!process.env.KAFKA_BROKERS) {
    await start();
    process.env.KAFKA_BROKERS = KAFKA_BROKERS;
  }
  await createTopics('');

  if (!process.env.TEST_PG_ADMIN_URL) {
    const pg = await resolvePostgres();
    process.env.TEST_PG_ADMIN_URL = pg.url;
  }
};
