import express, { type Request, type Response, type Router } from 'express';
import type { Caller } from '../auth/caller';
import type { Page } from '../domain/page';
import type { Submitted } from '../ledger/ledger';
import type { Resource, RouteSpec } from './route';
import { validateRequest } from './validate-request';

function envelope(spec: RouteSpec, result: unknown): { data: unknown; body: Record<string, unknown> } {
  switch (spec.kind) {
    case 'data':
      return { data: result, body: { data: result } };
    case 'submitted': {
      const submitted = result as Submitted<unknown>;
      return {
        data: submitted.result,
        body: { data: submitted.result, transactionId: submitted.transactionId },
      };
    }
    case 'page': {
      const page = result as Page<unknown>;
      return {
        data: page.records,
        body: { data: page.records, page: { bookmark: page.bookmark, fetchedCount: page.fetchedCount } },
      };
    }
  }
}

async function serve(spec: RouteSpec, req: Request, res: Response): Promise<void> {
  const { params, query, body } = validateRequest(spec, req);
  const caller = res.locals.caller as Caller;
  const result = await spec.handle({ params, query, body, caller });
  const { data, body: responseBody } = envelope(spec, result);
  if (spec.location !== undefined) res.location(spec.location(data));
  res.status(spec.status).json(responseBody);
}

/** A router serving one resource's routes: validate, call the service, wrap the answer. */
export function resourceRouter(resource: Resource): Router {
  const router = express.Router();
  for (const spec of resource.routes) {
    router[spec.method](spec.path, (req, res) => serve(spec, req, res));
  }
  return router;
}
