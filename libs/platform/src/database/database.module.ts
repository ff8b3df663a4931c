import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSourceOptions } from 'typeorm';
import { ServiceConfig } from '../config/service-config';
import { platformTablesMigration } from './platform-tables.migration';
import { prepareDatabase } from './prepare-database';

export interface DatabaseOptions {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  entities: any[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  migrations: any[];
}

export function dataSourceOptions(
  config: ServiceConfig,
  options: DatabaseOptions,
): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.databaseUrl,
    schema: config.schema,
    entities: options.entities,
    migrations: [platformTablesMigration(config.schema), ...options.migrations],
    migrationsTableName: 'migrations',
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    extra: { max: Number(process.env.DB_POOL_SIZE ?? 10) },
    applicationName: config.serviceName,
  };
}

/** TypeORM for one service, in its own schema, migrated at start. */
@Module({})
export class DatabaseModule {
  static forService(
    config: ServiceConfig,
    options: DatabaseOptions,
  ): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: async () => {
            await prepareDatabase(config.databaseUrl, config.schema);
            return dataSourceOptions(config, options);
          },
        }),
      ],
      exports: [TypeOrmModule],
    };
  }
}
