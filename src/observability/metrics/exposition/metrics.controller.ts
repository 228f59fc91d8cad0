import { Controller, Get, Headers, Res, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { MetricsExposition } from './metrics-exposition.service';

/** `GET <path>` on the application's listener; the path is set by `MetricsModule.forRoot`. */
@ApiExcludeController()
@Controller()
export class MetricsController {
  constructor(private readonly exposition: MetricsExposition) {}

  @Get()
  async scrape(
    @Headers('authorization') authorization: string | undefined,
    @Headers('accept') accept: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    if (!this.exposition.isAuthorized(authorization)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      throw new UnauthorizedException('A valid metrics bearer token is required');
    }
    const { contentType, body } = await this.exposition.render(accept);
    // Not res.send: it copies the body into a Buffer and hashes it for an ETag (useless: no-store).
    res.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
    res.end(res.req.method === 'HEAD' ? undefined : body);
  }
}
