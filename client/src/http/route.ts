import { z } from 'zod';
import type { Caller } from '../auth/caller';

/** HTTP methods the API uses. */
export type HttpMethod = 'get' | 'post' | 'delete';

/**
 * How a route answers: `data` wraps a value as `{data}`; `submitted` wraps a committed transaction as
 * `{data, transactionId}`; `page` wraps a ledger page as `{data, page: {bookmark, fetchedCount}}`.
 */
export type ResponseKind = 'data' | 'submitted' | 'page';

/** The validated input of a request. */
export interface RouteInput<P, Q, B> {
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  readonly caller: Caller;
}

/** A route: its contract (for validation and the OpenAPI document) and its handler. */
export interface RouteSpec {
  readonly method: HttpMethod;
  /** Express path relative to `/api/v1`, such as `/contracts/:id`. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly params: z.ZodType;
  readonly query: z.ZodType;
  /** Undefined when the route takes no body. */
  readonly body: z.ZodType | undefined;
  readonly status: 200 | 201;
  readonly kind: ResponseKind;
  readonly response: z.ZodType;
  /** The error statuses worth documenting besides 400, 401, 403 and 5xx. */
  readonly errors: readonly number[];
  /** A Location for a created record. */
  readonly location?: (data: unknown) => string;
  readonly handle: (input: RouteInput<unknown, unknown, unknown>) => Promise<unknown>;
}

/** A group of routes served by one router. */
export interface Resource {
  readonly tag: string;
  readonly description: string;
  readonly routes: readonly RouteSpec[];
}

const noParams = z.strictObject({});
const noQuery = z.strictObject({});

type Definition<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> = Readonly<{
  method: HttpMethod;
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  params?: P;
  query?: Q;
  body?: B;
  status?: 200 | 201;
  kind: ResponseKind;
  response: z.ZodType;
  errors?: readonly number[];
  location?: (data: unknown) => string;
  handle: (input: RouteInput<z.output<P>, z.output<Q>, z.output<B>>) => Promise<unknown>;
}>;

/** Declares a route; the handler receives params, query and body already validated by their schemas. */
export function defineRoute<
  P extends z.ZodType = typeof noParams,
  Q extends z.ZodType = typeof noQuery,
  B extends z.ZodType = z.ZodUndefined,
>(definition: Definition<P, Q, B>): RouteSpec {
  return {
    method: definition.method,
    path: definition.path,
    operationId: definition.operationId,
    summary: definition.summary,
    ...(definition.description === undefined ? {} : { description: definition.description }),
    params: definition.params ?? noParams,
    query: definition.query ?? noQuery,
    body: definition.body,
    status: definition.status ?? 200,
    kind: definition.kind,
    response: definition.response,
    errors: definition.errors ?? [],
    ...(definition.location === undefined ? {} : { location: definition.location }),
    handle: definition.handle as RouteSpec['handle'],
  };
}
