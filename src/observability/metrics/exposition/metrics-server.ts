import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { METRICS_OPTIONS } from '../metrics.constants';
import type { ResolvedMetricsOptions } from '../metrics-options.interface';
import { MetricsExposition } from './metrics-exposition.service';

/** The separate listener used when `port` is set: it serves the metrics path and nothing else. */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsServer.name);
  private server?: Server;

  constructor(
    private readonly exposition: MetricsExposition,
    @Inject(METRICS_OPTIONS) private readonly options: ResolvedMetricsOptions,
  ) {}

  /** The bound port (useful when configured as 0). */
  get port(): number | undefined {
    const address = this.server?.address();
    return typeof address === 'object' && address !== null ? address.port : undefined;
  }

  async onApplicationBootstrap(): Promise<void> {
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => resolve());
    });
    this.server = server;
    this.logger.log(`metrics served on ${this.options.host}:${this.port}${this.options.path}`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0];
    if (path !== this.options.path || (req.method !== 'GET' && req.method !== 'HEAD')) {
      return this.reply(res, 404, 'text/plain; charset=utf-8', 'Not found\n');
    }
    if (!this.exposition.isAuthorized(req.headers.authorization)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      return this.reply(
        res,
        401,
        'text/plain; charset=utf-8',
        'A valid metrics bearer token is required\n',
      );
    }
    try {
      const { contentType, body } = await this.exposition.render(req.headers.accept);
      this.reply(res, 200, contentType, req.method === 'HEAD' ? '' : body);
    } catch (error) {
      this.logger.error(`metrics rendering failed: ${String(error)}`);
      this.reply(res, 500, 'text/plain; charset=utf-8', 'Metrics rendering failed\n');
    }
  }

  private reply(res: ServerResponse, status: number, contentType: string, body: string): void {
    res.writeHead(status, { 'Content-Type': contentType, 'Cache-Control': 'no-store' }).end(body);
  }
}
