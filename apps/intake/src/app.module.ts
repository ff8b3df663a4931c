import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@lianzhi/platform';
import { AttachRepeatController } from './attach-repeat/attach-repeat.controller';
import { AttachRepeatHandler } from './attach-repeat/attach-repeat.handler';
import { CreateComplaintController } from './create-complaint/create-complaint.controller';
import { CaseNumbers } from './create-complaint/case-numbers';
import { ComplaintWriter } from './create-complaint/complaint-writer';
import { CreateComplaintHandler } from './create-complaint/create-complaint.handler';
import { FindSimilarCasesController } from './find-similar-cases/find-similar-cases.controller';
import { SimilarCases } from './find-similar-cases/similar-cases';
import { IdempotencyKeys } from './idempotency/idempotency-keys';
import { MatterCatalogue } from './matters/matter-catalogue';
import { IntakeTables1733400000000 } from './migrations/1733400000000-intake-tables';
import { Open311Controller } from './open311/open311.controller';
import { ReadComplaintController } from './read-complaint/read-complaint.controller';
import { ReadCallerController } from './read-caller/read-caller.controller';
import { ReadCallerHandler } from './read-caller/read-caller.handler';
import { ProgressController } from './track-progress/progress.controller';
import { ProgressProjector } from './track-progress/progress.projector';
import { SignInController } from './sign-in/sign-in.controller';
import { Users } from './sign-in/users';

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
            migrations: [IntakeTables1733400000000],
          },
          env,
        ),
      ],
      controllers: [
        SignInController,
        FindSimilarCasesController,
        CreateComplaintController,
        AttachRepeatController,
        ReadCallerController,
        ProgressController,
        Open311Controller,
        // After FindSimilarCasesController: /complaints/similar is not a case id.
        ReadComplaintController,
      ],
      providers: [
        Users,
        MatterCatalogue,
        SimilarCases,
        IdempotencyKeys,
        CaseNumbers,
        ComplaintWriter,
        CreateComplaintHandler,
        AttachRepeatHandler,
        ReadCallerHandler,
        ProgressProjector,
      ],
    };
  }
}
