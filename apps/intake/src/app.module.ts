import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@lianzhi/platform';

/** The front door: complaints in, validated, deduplicated, stored, published. */
@Module({})
export class AppModule {
  static register(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forService(
          {
            serviceName: 'intake',
            schema: 'intake',
            defaultPort: 3101,
            entities: [],
            migrations: [],
          },
          env,
        ),
      ],
    };
  }
}
