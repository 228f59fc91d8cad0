import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { APP_NAME, APP_VERSION } from './app-version';
import { checkJsonShape, describeBodyParserErrors, requireJsonBody } from './common/body/json-body';
import { AppLogger, requestId } from './common/logging';
import type { AppConfig } from './config';

/**
 * The one place a request gets its id (`req.id`, echoed as `X-Request-Id`; the access log reads
 * it). It runs before the body is read, so refusals of a body carry it too.
 */
const assignRequestId = (
  req: IncomingMessage & { id?: string },
  res: ServerResponse,
  next: () => void,
) => {
  req.id = requestId(req, res);
  next();
};

/**
 * Everything about the app that is not a module: request ids and security headers on every
 * response, JSON-only bodies with a size limit, OpenAPI at `/docs`. main.ts and the e2e tests both
 * call this, so tests run the real thing. Order matters: what comes before the body parser also
 * covers the responses to bodies it refuses.
 */
export function configureApp(app: INestApplication, config: AppConfig): void {
  const expressApp = app as NestExpressApplication;
  expressApp.useLogger(app.get(AppLogger));
  expressApp.disable('x-powered-by');
  expressApp.set('trust proxy', false);
  app.use(assignRequestId);
  app.use(helmet({ contentSecurityPolicy: false }));
  app.use(requireJsonBody);
  expressApp.useBodyParser('json', { limit: config.http.bodyLimit });
  app.use(checkJsonShape);
  app.use(describeBodyParserErrors(config.http.bodyLimit));
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(APP_NAME)
      .setDescription(
        'tradewatch REST API. Every /api route needs `Authorization: Bearer <API_TOKEN>`.',
      )
      .setVersion(APP_VERSION)
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
}
