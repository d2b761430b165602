import { readFileSync } from 'node:fs';
import { parse, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { ConfigError } from './config-error';

/** Reads a YAML file and validates it with a schema; every problem names the file and the field. */
export function readYamlFile<S extends z.ZodType>(file: string, schema: S): z.infer<S> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, [`cannot read the file: ${(err as Error).message}`]);
  }
  let raw: unknown;
  try {
    raw = parse(text, { prettyErrors: true });
  } catch (err) {
    if (err instanceof YAMLParseError) {
      const at = err.linePos?.[0];
      throw new ConfigError(file, [
        `${at ? `line ${at.line}, column ${at.col}: ` : ''}${err.message.split('\n')[0] ?? ''}`,
      ]);
    }
    // The parser's other refusals, e.g. aliases that expand too far (a YAML "billion laughs").
    const message = err instanceof Error ? err.message : String(err);
    throw new ConfigError(file, [`cannot be read as YAML: ${message}`]);
  }
  const result = schema.safeParse(raw ?? {});
  if (!result.success) {
    throw new ConfigError(
      file,
      result.error.issues.map((issue) => `${describePath(raw, issue.path)}: ${issue.message}`),
    );
  }
  return result.data;
}

/**
 * Names a position in the document: list items that carry an `id` or `name` are named by it,
 * for example `device 'press-2' (devices[1]) › register 'good' (registers[0]) › wordOrder`.
 */
export function describePath(raw: unknown, path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  let node: unknown = raw;
  let pending: string | undefined;
  for (const key of path) {
    if (typeof key === 'number' && pending !== undefined) {
      const item: unknown = Array.isArray(node) ? node[key] : undefined;
      const label = itemLabel(item);
      parts.pop();
      parts.push(label ? `${singular(pending)} ${label} (${pending}[${key}])` : `${pending}[${key}]`);
      node = item;
      pending = undefined;
      continue;
    }
    const name = String(key);
    parts.push(name);
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[name] : undefined;
    pending = Array.isArray(node) ? name : undefined;
  }
  return parts.length > 0 ? parts.join(' › ') : '(top level)';
}

function itemLabel(item: unknown): string | undefined {
  if (item === null || typeof item !== 'object') return undefined;
  const record = item as Record<string, unknown>;
  for (const key of ['id', 'name', 'signal']) {
    const value = record[key];
    if (typeof value === 'string' || typeof value === 'number') return `'${String(value)}'`;
  }
  return undefined;
}

function singular(plural: string): string {
  return plural.endsWith('s') ? plural.slice(0, -1) : plural;
}
