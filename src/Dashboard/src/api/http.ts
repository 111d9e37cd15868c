import { decode, isRecord, type Decoder } from './decode';

/** A failed call, carrying the server's ProblemDetails where it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | null,
  ) {
    super(detail ? `${title}: ${detail}` : title);
    this.name = 'ApiError';
  }
}

/** The session cookie is missing or expired; the user must sign in again. */
export class UnauthorizedError extends ApiError {
  constructor(detail: string | null = null) {
    super(401, 'Not signed in', detail);
    this.name = 'UnauthorizedError';
  }
}

export interface HttpOptions {
  /** Injected for tests; defaults to the global fetch. */
  readonly fetch?: typeof fetch;
  /** Prefix for every path; the dashboard is served same-origin, so usually ''. */
  readonly baseUrl?: string;
  /** Called whenever an authenticated call answers 401. */
  readonly onUnauthorized?: () => void;
}

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly body?: unknown;
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  readonly signal?: AbortSignal;
  /** Let the caller handle 401 itself (the login form: 401 means wrong password). */
  readonly ownUnauthorized?: boolean;
}

export interface Http {
  request<T>(path: string, decoder: Decoder<T>, options?: RequestOptions): Promise<T>;
  /** For endpoints answering 204 or a body the dashboard ignores. */
  send(path: string, options?: RequestOptions): Promise<void>;
}

export function buildUrl(baseUrl: string, path: string, query: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `${baseUrl}${path}${search ? `?${search}` : ''}`;
}

async function readProblem(response: Response): Promise<{ title: string; detail: string | null }> {
  const fallback = { title: response.statusText || `HTTP ${response.status}`, detail: null };
  try {
    const body: unknown = await response.json();
    if (!isRecord(body)) return fallback;
    return {
      title: typeof body.title === 'string' ? body.title : fallback.title,
      detail: typeof body.detail === 'string' ? body.detail : null,
    };
  } catch {
    return fallback;
  }
}

export function createHttp(options: HttpOptions = {}): Http {
  const baseUrl = options.baseUrl ?? '';
  const doFetch: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function call(path: string, init: RequestOptions): Promise<Response> {
    const hasBody = init.body !== undefined;
    const response = await doFetch(buildUrl(baseUrl, path, init.query), {
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      headers: hasBody
        ? { Accept: 'application/json', 'Content-Type': 'application/json' }
        : { Accept: 'application/json' },
      body: hasBody ? JSON.stringify(init.body) : undefined,
      signal: init.signal,
    });
    if (response.ok) return response;
    const problem = await readProblem(response);
    if (response.status === 401) {
      if (!init.ownUnauthorized) options.onUnauthorized?.();
      throw new UnauthorizedError(problem.detail);
    }
    throw new ApiError(response.status, problem.title, problem.detail);
  }

  return {
    async request(path, decoder, init = {}) {
      const response = await call(path, init);
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        throw new ApiError(response.status, 'Invalid JSON from server', `${init.method ?? 'GET'} ${path}`);
      }
      return decode(decoder, body);
    },
    async send(path, init = {}) {
      await call(path, init);
    },
  };
}
