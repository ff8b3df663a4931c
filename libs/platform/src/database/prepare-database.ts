import { Client } from 'pg';

/**
 * Creates the service's database and schema when missing, so that a fresh
 * server needs no manual step before migrations run.
 */
export async function prepareDatabase(url: string, schema: string): Promise<void> {
  const target = new URL(url);
  const database = decodeURIComponent(target.pathname.slice(1));

  const admin = new URL(url);
  admin.pathname = '/postgres';
  const adminClient = new Client({ connectionString: admin.toString() });
  await adminClient.connect();
  try {
    const { rowCount } = await adminClient.query(
      'select 1 from pg_database where datname = $1',
      [database],
    );
    if (rowCount === 0) {
      await adminClient
        .query(`create database "${database.replace(/"/g, '')}"`)
        .catch((error: { code?: string }) => {
          // Another service created it at the same moment.
          if (error.code !== '42P04' && error.code !== '23505') throw error;
        });
    }
  } finally {
    await adminClient.end();
  }

  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client
      .query(`create schema if not exists "${schema}"`)
      .catch((error: { code?: string }) => {
        if (error.code !== '23505' && error.code !== '42P06') throw error;
      });
  } finally {
    await client.end();
  }
}
