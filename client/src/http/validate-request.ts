import type { Request } from 'express';
import type { z } from 'zod';
import { AppError, type FieldProblem } from '../services/app-error';
import type { RouteSpec } from './route';

/** Where a field was found in the request. */
type Location = 'path' | 'query' | 'body';

function fieldName(path: readonly PropertyKey[]): string {
  let name = '';
  for (const part of path) {
    if (typeof part === 'number') name += `[${part}]`;
    else name += name === '' ? String(part) : `.${String(part)}`;
  }
  return name;
}

function problemsOf(error: z.ZodError, location: Location): (FieldProblem & { in: Location })[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: fieldName([...issue.path, key]) || key,
        in: location,
        message: 'is not a known field',
      }));
    }
    const missing = issue.code === 'invalid_type' && issue.message.endsWith('received undefined');
    return [
      {
        field: fieldName(issue.path) || location,
        in: location,
        message: missing ? 'is required' : issue.message.replace(/^Invalid input: /, ''),
      },
    ];
  });
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** The request body to validate: an absent body is `{}` for routes with a body; a non-JSON body is refused. */
function bodyOf(spec: RouteSpec, req: Request): unknown {
  const body = req.body as unknown;
  if (body !== undefined) return body;
  if (hasBody(req)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'the request body must be JSON (Content-Type: application/json)');
  }
  return spec.body === undefined ? undefined : {};
}

/** Validates a request's path parameters, query and body; refuses with a 400 naming every field at fault. */
export function validateRequest(spec: RouteSpec, req: Request): { params: unknown; query: unknown; body: unknown } {
  const rawBody = bodyOf(spec, req);
  if (spec.body === undefined && rawBody !== undefined && !isEmptyObject(rawBody)) {
    throw AppError.invalid([{ field: 'body', message: 'this operation takes no request body' }]);
  }
  const params = spec.params.safeParse({ ...req.params });
  const query = spec.query.safeParse({ ...(req.query as Record<string, unknown>) });
  const body = spec.body?.safeParse(rawBody);
  const problems = [
    ...(params.success ? [] : problemsOf(params.error, 'path')),
    ...(query.success ? [] : problemsOf(query.error, 'query')),
    ...(body === undefined || body.success ? [] : problemsOf(body.error, 'body')),
  ];
  if (problems.length > 0 || !params.success || !query.success || (body !== undefined && !body.success)) {
    throw AppError.invalid(problems);
  }
  return { params: params.data, query: query.data, body: body?.data };
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}
