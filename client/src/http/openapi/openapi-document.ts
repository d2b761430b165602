import type { RouteSpec, Resource } from '../route';
import { SchemaCollector, type JsonSchema } from './json-schema';

/** Prefix of every API route. */
export const API_PREFIX = '/api/v1';

/** An OpenAPI 3.0 document. */
export interface OpenApiDocument {
  readonly openapi: string;
  readonly info: Readonly<Record<string, unknown>>;
  readonly paths: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly components: Readonly<Record<string, unknown>>;
  readonly [key: string]: unknown;
}

/** Converts an Express path (`/contracts/:id`) into an OpenAPI path (`/contracts/{id}`). */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

const errorSchema: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'details'],
      properties: {
        code: { type: 'string', description: 'Stable error code; see the table in client/README.md.' },
        message: { type: 'string', description: 'What went wrong, naming the field or rule.' },
        details: {
          type: 'object',
          additionalProperties: true,
          description:
            'For validation errors `fields: [{field, in, message}]`; for ledger failures `transaction`, `stage` ' +
            '(evaluate, endorse, submit or commit), `transactionId`, `validationCode` and `peers: [{mspId, address, message}]`.',
        },
        requestId: { type: 'string', description: 'The request id, also in the X-Request-Id header.' },
      },
    },
  },
};

const ERROR_DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: 'Invalid request: bad JSON, unknown field, wrong type or out-of-range value (the field is named), or a chaincode INVALID_ARGUMENT.',
  401: 'Missing or unknown API key.',
  403: 'The API key acts for another enterprise, or the ledger refused the identity (FORBIDDEN, CONSENT_REQUIRED).',
  404: 'The record does not exist (NOT_FOUND).',
  409: 'Conflict with the ledger state (CONFLICT, INVALID_STATE, ALREADY_EXISTS, ALREADY_FINANCED, TRANSACTION_CONFLICT).',
  413: 'The request body is too large.',
  415: 'The request body is not JSON.',
  422: 'A quantity or amount exceeds what the contract, delivery or receivable allows (LIMIT_EXCEEDED).',
  502: 'The ledger failed the transaction (LEDGER_ERROR, TRANSACTION_INVALID, LEDGER_BAD_RESPONSE).',
  503: 'The ledger could not be reached or did not answer in time (LEDGER_UNAVAILABLE); see Retry-After.',
};

const COMMON_API_ERRORS = [400, 401, 403, 502, 503];

function envelope(kind: RouteSpec['kind'], data: JsonSchema): JsonSchema {
  switch (kind) {
    case 'data':
      return { type: 'object', required: ['data'], properties: { data } };
    case 'submitted':
      return {
        type: 'object',
        required: ['data', 'transactionId'],
        properties: {
          data,
          transactionId: { type: 'string', description: 'The Fabric transaction id; the transaction is committed.' },
        },
      };
    case 'page':
      return {
        type: 'object',
        required: ['data', 'page'],
        properties: {
          data: { type: 'array', items: (data.items as JsonSchema | undefined) ?? {} },
          page: {
            type: 'object',
            required: ['bookmark', 'fetchedCount'],
            properties: {
              bookmark: {
                type: 'string',
                description: 'Pass as `bookmark` for the next page; empty on the last page.',
              },
              fetchedCount: { type: 'integer' },
            },
          },
        },
      };
  }
}

function operation(spec: RouteSpec, tag: string, schemas: SchemaCollector): Record<string, unknown> {
  const parameters = [
    ...schemas.properties(spec.params).map((p) => ({ name: p.name, in: 'path', required: true, schema: p.schema })),
    ...schemas
      .properties(spec.query)
      .map((p) => ({ name: p.name, in: 'query', required: p.required, schema: p.schema })),
  ];
  const responses: Record<string, unknown> = {
    [String(spec.status)]: {
      description: spec.kind === 'submitted' ? 'Committed to the ledger.' : 'OK',
      headers: { 'X-Request-Id': { $ref: '#/components/headers/RequestId' } },
      content: { 'application/json': { schema: envelope(spec.kind, schemas.convert(spec.response, 'output')) } },
    },
  };
  for (const status of [...new Set([...COMMON_API_ERRORS, ...spec.errors])].sort()) {
    responses[String(status)] = { $ref: `#/components/responses/Error${status}` };
  }
  return {
    operationId: spec.operationId,
    tags: [tag],
    summary: spec.summary,
    ...(spec.description === undefined ? {} : { description: spec.description }),
    ...(parameters.length === 0 ? {} : { parameters }),
    ...(spec.body === undefined
      ? {}
      : {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schemas.convert(spec.body, 'input') } },
          },
        }),
    responses,
  };
}

function systemPaths(): Record<string, Record<string, unknown>> {
  return {
    '/health': {
      get: {
        operationId: 'getHealth',
        tags: ['system'],
        summary: 'Liveness of the API and reachability of its Fabric peer',
        security: [],
        responses: {
          '200': {
            description: 'The API is up; `ledger` tells whether the peer answered.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['status', 'ledger'],
                  properties: {
                    status: { type: 'string', enum: ['ok'] },
                    ledger: { type: 'string', enum: ['up', 'down'] },
                  },
                },
              },
            },
          },
        },
      },
    },
    '/openapi.json': {
      get: {
        operationId: 'getOpenApiDocument',
        tags: ['system'],
        summary: 'This OpenAPI document (a human page is at /docs)',
        security: [],
        responses: {
          '200': {
            description: 'The OpenAPI 3.0 document.',
            content: { 'application/json': { schema: { type: 'object' } } },
          },
        },
      },
    },
  };
}

/** Builds the OpenAPI document from the routes' own validation schemas. */
export function buildOpenApiDocument(resources: readonly Resource[], version: string): OpenApiDocument {
  const schemas = new SchemaCollector();
  const paths: Record<string, Record<string, unknown>> = systemPaths();
  for (const resource of resources) {
    for (const spec of resource.routes) {
      const path = API_PREFIX + openApiPath(spec.path);
      const item = paths[path] ?? {};
      if (spec.method in item) throw new Error(`two routes for ${spec.method.toUpperCase()} ${path}`);
      item[spec.method] = operation(spec, resource.tag, schemas);
      paths[path] = item;
    }
  }
  const errorResponses: Record<string, unknown> = {};
  for (const [status, description] of Object.entries(ERROR_DESCRIPTIONS)) {
    errorResponses[`Error${status}`] = {
      description,
      headers: { 'X-Request-Id': { $ref: '#/components/headers/RequestId' } },
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'sme-credit-chain API',
      version,
      description:
        'REST API over the sme-credit-chain Fabric ledger for banks, buyers and factories. Each organisation runs ' +
        'its own instance with its own Fabric identities. Writes wait for the commit and return the transaction id.',
    },
    tags: [
      ...resources.map((r) => ({ name: r.tag, description: r.description })),
      { name: 'system', description: 'Health and this document.' },
    ],
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API key issued by the organisation running this instance.',
        },
      },
      headers: {
        RequestId: {
          description: 'The request id (echoed when the caller sent a valid one).',
          schema: { type: 'string' },
        },
      },
      responses: errorResponses,
      schemas: { ...schemas.components, Error: errorSchema },
    },
  };
}
