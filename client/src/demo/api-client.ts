/** An error answer of the REST API: the HTTP status and the `{error: {code, message}}` body. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string, where: string) {
    super(`${where}: ${status} ${code}: ${message}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/** A JSON object. */
export type Json = Record<string, unknown>;

/** One page of a list answer. */
export interface Page<T> {
  readonly data: T[];
  readonly bookmark: string;
}

type Method = 'GET' | 'POST' | 'DELETE';

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Calls one organisation's REST API with one API key; every answer's `data` is returned as parsed JSON. */
export class ApiClient {
  readonly baseUrl: string;
  readonly #key: string;

  constructor(baseUrl: string, key: string) {
    this.baseUrl = baseUrl;
    this.#key = key;
  }

  get<T = Json>(urlPath: string, query: Readonly<Record<string, string>> = {}): Promise<T> {
    return this.#call<T>('GET', withQuery(urlPath, query));
  }

  post<T = Json>(urlPath: string, body?: unknown): Promise<T> {
    return this.#call<T>('POST', urlPath, body);
  }

  /** Every page of a list route. */
  async list<T = Json>(urlPath: string, query: Readonly<Record<string, string>> = {}): Promise<T[]> {
    const all: T[] = [];
    let bookmark = '';
    do {
      const page = await this.#page<T>(withQuery(urlPath, { ...query, pageSize: '1000', bookmark }));
      all.push(...page.data);
      bookmark = page.bookmark;
    } while (bookmark !== '');
    return all;
  }

  async #page<T>(urlPath: string): Promise<Page<T>> {
    const body = await this.#request('GET', urlPath);
    const page = isJson(body.page) ? body.page : {};
    return {
      data: Array.isArray(body.data) ? (body.data as T[]) : [],
      bookmark: typeof page.bookmark === 'string' ? page.bookmark : '',
    };
  }

  async #call<T>(method: Method, urlPath: string, body?: unknown): Promise<T> {
    return (await this.#request(method, urlPath, body)).data as T;
  }

  async #request(method: Method, urlPath: string, body?: unknown): Promise<Json> {
    const where = `${method} ${urlPath}`;
    const headers: Record<string, string> = { authorization: `Bearer ${this.#key}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.baseUrl}/api/v1${urlPath}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(180_000),
    });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? {} : JSON.parse(text);
    } catch {
      throw new ApiError(res.status, 'NOT_JSON', text.slice(0, 200), where);
    }
    const json = isJson(parsed) ? parsed : {};
    if (!res.ok) {
      const error = isJson(json.error) ? json.error : {};
      throw new ApiError(
        res.status,
        typeof error.code === 'string' ? error.code : 'HTTP_ERROR',
        typeof error.message === 'string' ? error.message : text.slice(0, 200),
        where,
      );
    }
    return json;
  }
}

function withQuery(urlPath: string, query: Readonly<Record<string, string>>): string {
  const params = new URLSearchParams(query).toString();
  return params === '' ? urlPath : `${urlPath}?${params}`;
}

/** GET `url` and return its JSON, or undefined when nothing answers. */
export async function getJson(url: string, timeoutMs = 2000): Promise<Json | undefined> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    const parsed: unknown = await res.json();
    return isJson(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** GET `url` as text, or undefined when nothing answers. */
export async function getText(url: string, timeoutMs = 2000): Promise<string | undefined> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    return res.ok ? await res.text() : undefined;
  } catch {
    return undefined;
  }
}
