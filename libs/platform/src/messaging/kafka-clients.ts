import {
  Inject,
  Injectable,
  Logger,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Kafka, logLevel, Producer } from 'kafkajs';
import { withPrefix } from '@lianzhi/domain';
import { SERVICE_CONFIG, ServiceConfig } from '../config/service-config';

/** One kafkajs client per service, with one idempotent producer. */
@Injectable()
export class KafkaClients implements OnApplicationShutdown {
  private readonly logger = new Logger(KafkaClients.name);
  readonly kafka: Kafka;
  private producerReady: Promise<Producer> | null = null;

  constructor(@Inject(SERVICE_CONFIG) private readonly config: ServiceConfig) {
    this.kafka = new Kafka({
      clientId: config.serviceName,
      brokers: config.kafkaBrokers,
      logLevel: logLevel.NOTHING,
      retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 5000 },
      connectionTimeout: 3000,
      requestTimeout: 15000,
    });
  }

  topic(name: string): string {
    return withPrefix(this.config.topicPrefix, name);
  }

  /** The producer, connected on first use and again after a failure. */
  async producer(): Promise<Producer> {
    if (!this.producerReady) {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
      });
      this.producerReady = producer.connect().then(
        () => producer,
        (error: unknown) => {
          this.producerReady = null;
          throw error;
        },
      );
    }
    return this.producerReady;
  }

  /** Forget the producer after an error, so the next call reconnects. */
  async resetProducer(): Promise<void> {
    const ready = this.producerReady;
    this.producerReady = null;
    if (ready) {
      await ready.then((p) => p.disconnect()).catch(() => undefined);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.resetProducer();
    this.logger.log('kafka producer closed');
  }
}
