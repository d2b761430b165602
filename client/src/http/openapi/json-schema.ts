import { z } from 'zod';

/** A JSON Schema object as it appears in the OpenAPI document. */
export type JsonSchema = Record<string, unknown>;

const COMPONENT_PREFIX = '#/components/schemas/';

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] =
      key === '$ref' && typeof inner === 'string'
        ? inner.replace(/^#\/definitions\//, COMPONENT_PREFIX)
        : rewriteRefs(inner);
  }
  return out;
}

/**
 * Collects the OpenAPI 3.0 schemas of zod schemas: schemas with a `meta({id})` become shared components,
 * referenced as `#/components/schemas/<id>`.
 */
export class SchemaCollector {
  readonly components: Record<string, JsonSchema> = {};

  /** The JSON Schema of `schema` as a request (`input`) or a response (`output`) sees it. */
  convert(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const converted = z.toJSONSchema(schema, { io, target: 'openapi-3.0', unrepresentable: 'any' }) as JsonSchema;
    const { definitions, $schema: _ignored, ...rest } = converted;
    if (typeof definitions === 'object' && definitions !== null) {
      for (const [id, def] of Object.entries(definitions as Record<string, unknown>)) {
        this.#add(id, rewriteRefs(def) as JsonSchema);
      }
    }
    return rewriteRefs(rest) as JsonSchema;
  }

  /** The schema of each property of an object schema, and which are required (for parameters). */
  properties(schema: z.ZodType): { name: string; schema: JsonSchema; required: boolean }[] {
    const converted = this.convert(schema, 'input');
    const properties = (converted.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((converted.required ?? []) as string[]);
    return Object.entries(properties).map(([name, property]) => ({
      name,
      schema: property,
      required: required.has(name),
    }));
  }

  #add(id: string, schema: JsonSchema): void {
    const existing = this.components[id];
    if (existing !== undefined && JSON.stringify(existing) !== JSON.stringify(schema)) {
      throw new Error(`schema ${id} has two different shapes (as request and as response); give them different ids`);
    }
    this.components[id] = schema;
  }
}
