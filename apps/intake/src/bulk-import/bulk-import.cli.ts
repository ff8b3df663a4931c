import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { CreateComplaintHandler } from '../create-complaint/create-complaint.handler';
import { DirectSink, HttpSink, ImportSummary, importComplaints } from './bulk-importer';
import { parseCsv, parseJsonl, ParsedRecord } from './complaint-source';

const USAGE = `usage: npm run import -- <file.jsonl|file.csv> [options]

  --base-url <url>     post to a running intake service (e.g. http://127.0.0.1:3101);
                       without it, the use case runs in this process against DATABASE_URL
  --token <jwt>        bearer token for --base-url (or INTAKE_TOKEN)
  --user <name>        sign in instead of --token (default op1)
  --password <pw>      password for --user (or INTAKE_PASSWORD)
  --limit <n>          import only the first n records
  --concurrency <n>    requests in flight (default 16)`;

interface Options {
  file: string;
  baseUrl?: string;
  token?: string;
  user: string;
  password?: string;
  limit?: number;
  concurrency: number;
}

function parseArgs(argv: string[]): Options {
  const options: Partial<Options> = { user: 'op1', concurrency: 16 };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) fail(`${arg} needs a value`);
      return v;
    };
    if (arg === '--base-url') options.baseUrl = value();
    else if (arg === '--token') options.token = value();
    else if (arg === '--user') options.user = value();
    else if (arg === '--password') options.password = value();
    else if (arg === '--limit') options.limit = positive(value(), arg);
    else if (arg === '--concurrency') options.concurrency = positive(value(), arg);
    else if (arg === '--help' || arg === '-h') fail('');
    else if (arg.startsWith('--')) fail(`unknown option ${arg}`);
    else options.file = arg;
  }
  if (!options.file) fail('name a file');
  return options as Options;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const text = await readFile(options.file, 'utf8');
  const parse = extname(options.file).toLowerCase() === '.csv' ? parseCsv : parseJsonl;
  let records: ParsedRecord[] = parse(text);
  if (options.limit) records = records.slice(0, options.limit);

  const bar = progressBar();
  let summary: ImportSummary;
  if (options.baseUrl) {
    const token = options.token ?? process.env.INTAKE_TOKEN ?? (await signIn(options));
    summary = await importComplaints(records, new HttpSink(options.baseUrl, token), {
      concurrency: options.concurrency,
      onProgress: bar,
    });
  } else {
    // In-process: no progress consumer, so no rebalance of the running service's group.
    process.env.INTAKE_CONSUMERS = 'off';
    process.env.LOG_LEVEL ??= 'warn';
    const app = await NestFactory.createApplicationContext(AppModule.register(), {
      logger: ['error', 'warn'],
    });
    try {
      summary = await importComplaints(records, new DirectSink(app.get(CreateComplaintHandler)), {
        concurrency: options.concurrency,
        onProgress: bar,
      });
    } finally {
      await app.close();
    }
  }

  process.stderr.write('\n');
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  process.exitCode = summary.accepted + summary.duplicates > 0 || summary.read === 0 ? 0 : 1;
}

async function signIn(options: Options): Promise<string> {
  const password = options.password ?? process.env.INTAKE_PASSWORD;
  if (!password) fail('give --token, INTAKE_TOKEN, or --user with --password');
  const res = await fetch(new URL('/auth/sign-in', options.baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: options.user, password }),
  });
  if (!res.ok) fail(`sign-in as ${options.user} failed with ${res.status}`);
  const body = (await res.json()) as { token: string };
  return body.token;
}

function progressBar(): (done: number, total: number) => void {
  const width = 30;
  let last = -1;
  return (done, total) => {
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
    if (percent === last && done !== total) return;
    last = percent;
    const filled = Math.round((percent / 100) * width);
    const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${percent}%`;
    process.stderr.write(process.stderr.isTTY ? `\r${line}` : percent % 10 === 0 ? `${line}\n` : '');
  };
}

function positive(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) fail(`${name} must be a positive whole number`);
  return n;
}

function fail(message: string): never {
  if (message) process.stderr.write(`${message}\n\n`);
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}

void main().catch((error: Error) => {
  process.stderr.write(`\nimport failed: ${error.message}\n`);
  process.exit(1);
});
