import request from 'supertest';
import { bodyOf, errorOf, newTestApp, testKeys } from '../../testing/test-app';
import { openApiPath, type OpenApiDocument } from './openapi-document';

interface Layer {
  readonly rawPath?: string;
  readonly route?: { readonly path: string; readonly methods: Readonly<Record<string, boolean>> };
  readonly handle?: { readonly stack?: readonly Layer[] };
}

/** Every route Express actually serves, as `METHOD /openapi/{path}`, found by walking the router stacks. */
function servedRoutes(stack: readonly Layer[], prefix = ''): string[] {
  return stack.flatMap((layer) => {
    if (layer.route !== undefined) {
      const path = openApiPath(prefix + layer.route.path);
      return Object.keys(layer.route.methods).map((m) => `${m.toUpperCase()} ${path}`);
    }
    const inner = layer.handle?.stack;
    if (inner === undefined) return [];
    const mount = layer.rawPath === undefined || layer.rawPath === '/' ? '' : layer.rawPath;
    return servedRoutes(inner, prefix + mount);
  });
}

function documentedRoutes(doc: OpenApiDocument): string[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`),
  );
}

describe('the OpenAPI document and the router', () => {
  const { app } = newTestApp();
  let doc: OpenApiDocument;

  beforeAll(async () => {
    doc = bodyOf(await request(app).get('/openapi.json').expect(200)) as unknown as OpenApiDocument;
  });

  it('documents exactly the routes the router serves', () => {
    const stack = (app as unknown as { router: { stack: Layer[] } }).router.stack;
    const served = servedRoutes(stack).sort();
    expect(served.length).toBeGreaterThan(30);
    expect(documentedRoutes(doc).sort()).toEqual(served);
  });

  it('answers every documented operation (no ROUTE_NOT_FOUND)', async () => {
    const sample: Readonly<Record<string, string>> = {
      id: 'sme-1',
      deviceId: 'press-1',
      bankId: 'bank-1',
      periodStart: '2024-01-01T00:00:00Z',
      type: 'contract',
    };
    for (const route of documentedRoutes(doc)) {
      const [method = '', path = ''] = route.split(' ');
      const url = path.replace(/\{(\w+)\}/g, (_m, name: string) => sample[name] ?? 'x');
      const verb = method.toLowerCase() as 'get' | 'post' | 'delete';
      const res = await request(app)[verb](url).set('Authorization', `Bearer ${testKeys.sme.key}`);
      expect([route, res.status === 404 ? errorOf(res).code : 'served']).toEqual([route, 'served']);
    }
  });

  it('documents every operation with an id, a tag, its parameters and its error responses', () => {
    const ids = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const op of Object.values(item) as Record<string, unknown>[]) {
        expect(typeof op.operationId).toBe('string');
        ids.add(op.operationId as string);
        const params = ((op.parameters ?? []) as { in: string; name: string }[]).filter((p) => p.in === 'path');
        expect(params.map((p) => p.name).sort()).toEqual([...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort());
        if (path.startsWith('/api/v1')) {
          expect(Object.keys(op.responses as object)).toEqual(expect.arrayContaining(['400', '401', '403', '503']));
        }
      }
    }
    expect(ids.size).toBe(documentedRoutes(doc).length);
  });

  it('resolves every schema reference', () => {
    const schemas = (doc.components as { schemas: Record<string, unknown> }).schemas;
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) expect(Object.keys(schemas)).toContain(ref);
  });

  it('takes request bodies from the validation schemas (strict, with patterns and required fields)', () => {
    const schemas = (doc.components as { schemas: Record<string, Record<string, unknown>> }).schemas;
    const proposal = schemas.ContractProposal!;
    expect(proposal.additionalProperties).toBe(false);
    expect(proposal.required).toEqual(
      expect.arrayContaining(['id', 'buyerId', 'sellerId', 'documentHash', 'lines', 'currency']),
    );
    expect((proposal.properties as Record<string, { pattern?: string }>).documentHash?.pattern).toBe('^[0-9a-f]{64}$');
  });
});
