import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export type VendorHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * A stand-in for an internet data vendor, on a real loopback HTTP server: the test swaps its
 * handler to make the vendor healthy, failing or rate limiting, and sees every request it got.
 */
export class FakeVendor {
  readonly requests: string[] = [];
  handler: VendorHandler = (_req, res) => res.writeHead(503).end();
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.requests.push(req.url ?? '');
      this.handler(req, res);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  json(status: number, body: unknown, headers: Record<string, string> = {}): void {
    this.handler = (_req, res) =>
      res
        .writeHead(status, { 'content-type': 'application/json', ...headers })
        .end(JSON.stringify(body));
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}
