/** What every service reads from its environment. */
export interface ServiceConfig {
  readonly serviceName: string;
  readonly port: number;
  readonly databaseUrl: string;
  /** The PostgreSQL schema this service owns. */
  readonly schema: string;
  readonly kafkaBrokers: string[];
  readonly topicPrefix: string;
  readonly jwtSecret: string;
  readonly logLevel: string;
}

export function readServiceConfig(
  serviceName: string,
  schema: string,
  defaultPort: number,
  env: NodeJS.ProcessEnv = process.env,
): ServiceConfig {
  return {
    serviceName,
    schema,
    port: Number(env.PORT ?? defaultPort),
    databaseUrl:
      env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/lianzhi',
    kafkaBrokers: (env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(','),
    topicPrefix: env.KAFKA_TOPIC_PREFIX ?? '',
    jwtSecret: env.JWT_SECRET ?? DEVELOPMENT_SECRET,
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}

export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');

/**
 * Tests sign their tokens with this. It is public, so any real installation
 * sets JWT_SECRET (the start command makes one); the services warn otherwise.
 */
export const DEVELOPMENT_SECRET = 'lianzhi-development-secret-change-me';
