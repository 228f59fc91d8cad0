import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { HealthIndicatorRegistry } from '../observability';
import { BROKER, Broker } from './broker.port';

/** The broker connection as the `broker` health indicator (in /health and its gauge). */
@Injectable()
export class BrokerHealth implements OnModuleInit {
  constructor(
    @Inject(BROKER) private readonly broker: Broker,
    private readonly health: HealthIndicatorRegistry,
  ) {}

  onModuleInit(): void {
    this.health.register({
      name: 'broker',
      probes: [],
      check: () => ({
        broker: this.broker.isConnected()
          ? { status: 'up', broker: this.broker.name }
          : { status: 'down', broker: this.broker.name, message: 'not connected' },
      }),
    });
  }
}
