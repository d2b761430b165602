import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import swaggerUi from 'swagger-ui-express';
import type { ApiKeyRegistry } from '../auth/api-keys';
import type { Services } from '../services/services';
import { apiResources } from './api-resources';
import { authenticate } from './middleware/authenticate';
import { errorHandler, routeNotFound } from './middleware/error-handler';
import { requestLogger } from './middleware/request-logger';
import { API_PREFIX, buildOpenApiDocument } from './openapi/openapi-document';
import { resourceRouter } from './resource-router';

/** What the HTTP server is built from. */
export interface ServerDeps {
  readonly services: Services;
  readonly apiKeys: ApiKeyRegistry;
  readonly logger: Logger;
  /** Whether the Fabric peer answers, for `/health`. */
  readonly ledgerProbe: () => Promise<boolean>;
  readonly options?: Readonly<{
    /** Largest accepted request body (`256kb`, `1mb`). */
    bodyLimit?: string;
    trustProxy?: boolean;
    /** Retry-After of a 503 when the ledger is unreachable. */
    retryAfterSeconds?: number;
    version?: string;
  }>;
}

/** Builds the Express application; `main.ts` listens on it. */
export function createServer(deps: ServerDeps): Express {
  const options = deps.options ?? {};
  const resources = apiResources(deps.services);
  const openApi = buildOpenApiDocument(resources, options.version ?? '0.1.0');

  const app = express();
  app.set('trust proxy', options.trustProxy ?? false);
  app.set('query parser', 'simple');
  // Answers are not cacheable (Cache-Control: no-store), so no body hash is computed for an ETag.
  app.set('etag', false);
  app.use(requestLogger(deps.logger));
  // No upgrade-insecure-requests: the docs page must load its scripts on plain-HTTP deployments too.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));

  app.get('/health', async (_req, res) => {
    const up = await deps.ledgerProbe().catch(() => false);
    res.set('Cache-Control', 'no-store').json({ status: 'ok', ledger: up ? 'up' : 'down' });
  });
  app.get('/openapi.json', (_req, res) => {
    res.json(openApi);
  });
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(openApi, { customSiteTitle: 'sme-credit-chain API' }));

  const api = express.Router();
  api.use(authenticate(deps.apiKeys));
  api.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  api.use(
    express.json({
      limit: options.bodyLimit ?? '256kb',
      strict: true,
      type: ['application/json', 'application/*+json'],
    }),
  );
  for (const resource of resources) api.use(resourceRouter(resource));
  app.use(API_PREFIX, api);

  app.use(routeNotFound());
  app.use(errorHandler({ retryAfterSeconds: options.retryAfterSeconds ?? 5 }));
  return app;
}
