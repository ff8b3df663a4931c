import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@lianzhi/platform';
import { ArbitrationController } from './arbitration/arbitration.controller';
import { CaseRoutingController } from './case-trail/case-routing.controller';
import { DispatchQueueController } from './dispatch-queue/dispatch-queue.controller';
import { CaseStore } from './dispatch/case-store';
import { DistrictDecisions } from './dispatch/district-decision';
import { DispatchWriter } from './dispatch/dispatch-writer';
import { RoutingEngine } from './dispatch/routing-engine';
import { MatrixAdmin } from './matrix/matrix-admin';
import { MatrixController } from './matrix/matrix.controller';
import { MatrixStore } from './matrix/matrix-store';
import { PreviewController } from './preview/preview.controller';
import { RoutingTables1733400000000 } from './migrations/1733400000000-routing-tables';
import { HopLog } from './returns/hop-log';
import { BounceRecorder } from './returns/bounce-recorder';
import { ReturnHandler } from './returns/return.handler';
import { TransferHandler } from './returns/transfer.handler';
import { RouteComplaintHandler } from './route-case/route-complaint.handler';
import { RoutingConsumer } from './routing-consumer';
import { readRoutingConfig, ROUTING_CONFIG } from './routing.config';

/**
 * 派单: classifies each complaint, resolves its township, applies the matrix
 * in force and fans the case out to the responsible units; handles returns,
 * transfers, the manual dispatch queue and arbitration.
 */
@Module({})
export class AppModule {
  static register(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forService(
          {
            serviceName: 'routing',
            schema: 'routing',
            defaultPort: 3102,
            entities: [],
            migrations: [RoutingTables1733400000000],
          },
          env,
        ),
      ],
      controllers: [
        PreviewController,
        DispatchQueueController,
        ArbitrationController,
        CaseRoutingController,
        MatrixController,
      ],
      providers: [
        { provide: ROUTING_CONFIG, useValue: readRoutingConfig(env) },
        MatrixStore,
        MatrixAdmin,
        CaseStore,
        DispatchWriter,
        RoutingEngine,
        DistrictDecisions,
        HopLog,
        RouteComplaintHandler,
        BounceRecorder,
        ReturnHandler,
        TransferHandler,
        RoutingConsumer,
      ],
    };
  }
}
