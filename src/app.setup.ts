import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { APP_NAME, APP_VERSION } from './app-version';
import type { AppConfig } from './config';

/**
 * Everything about the app that is not a module: body limits, security headers,
 * OpenAPI at `/docs`. main.ts and the e2e tests both call this, so tests run the real thing.
 */
export function configureApp(app: INestApplication, config: AppConfig): void {
  const expressApp = app as NestExpressApplication;
  expressApp.useLogger(app.get(Logger));
  expressApp.useBodyParser('json', { limit: config.http.bodyLimit });
  expressApp.useBodyParser('urlencoded', { limit: config.http.bodyLimit, extended: false });
  expressApp.disable('x-powered-by');
  expressApp.set('trust proxy', false);
  app.use(helmet({ contentSecurityPolicy: false }));
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
