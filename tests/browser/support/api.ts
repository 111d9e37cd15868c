/**
 * The slice of the SessionKit HTTP API (docs/api.md) the browser tests use, as a small typed
 * client. Payloads are checked at this boundary so a test fails with a clear message.
 */

export interface RecordedEvent {
  readonly type: number;
  readonly timestamp: number;
  readonly data?: unknown;
  readonly [key: string]: unknown;
}

export interface SessionSummary {
  readonly id: string;
  readonly projectId: string;
  readonly userAgent: string | null;
  readonly firstUrl: string | null;
  readonly pages: readonly string[];
  readonly eventCount: number;
}

export interface Project {
  readonly id: string;
  readonly ingestKey: string;
}

const REQUEST_TIMEOUT_MS = 15_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toSession(value: unknown): SessionSummary {
  if (!isRecord(value) || typeof value.id !== 'string' || typeof value.projectId !== 'string') {
    throw new Error(`not a session: ${JSON.stringify(value).slice(0, 200)}`);
  }
  return {
    id: value.id,
    projectId: value.projectId,
    userAgent: typeof value.userAgent === 'string' ? value.userAgent : null,
    firstUrl: typeof value.firstUrl === 'string' ? value.firstUrl : null,
    pages: Array.isArray(value.pages) ? value.pages.filter((page): page is string => typeof page === 'string') : [],
    eventCount: typeof value.eventCount === 'number' ? value.eventCount : 0,
  };
}

async function expectStatus(response: Response, expected: readonly number[], what: string): Promise<Response> {
  if (!expected.includes(response.status)) {
    const body = await response.text().catch(() => '');
    throw new Error(`${what} answered ${response.status} (expected ${expected.join(' or ')}): ${body.slice(0, 500)}`);
  }
  return response;
}

/** Reads with the administrator token (`Authorization: Bearer`). */
export function adminApi(baseUrl: string, token: string) {
  const get = async (path: string): Promise<Response> =>
    expectStatus(
      await fetch(`${baseUrl}${path}`, {
        headers: { Authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      }),
      [200],
      `GET ${path}`,
    );

  return {
    async projects(): Promise<Project[]> {
      const body: unknown = await (await get('/api/v1/projects')).json();
      if (!Array.isArray(body)) throw new Error('GET /api/v1/projects did not answer an array');
      return body.map((item: unknown) => {
        if (!isRecord(item) || typeof item.id !== 'string' || typeof item.ingestKey !== 'string') {
          throw new Error(`not a project: ${JSON.stringify(item).slice(0, 200)}`);
        }
        return { id: item.id, ingestKey: item.ingestKey };
      });
    },

    async ingestKey(projectId: string): Promise<string> {
      const project = (await this.projects()).find((candidate) => candidate.id === projectId);
      if (!project) throw new Error(`no project ${projectId}`);
      return project.ingestKey;
    },

    /** One page of a project's sessions, newest first. */
    async sessions(projectId: string, query: Record<string, string> = {}): Promise<SessionSummary[]> {
      const search = new URLSearchParams({ limit: '200', ...query });
      const body: unknown = await (await get(`/api/v1/projects/${encodeURIComponent(projectId)}/sessions?${search}`)).json();
      if (!isRecord(body) || !Array.isArray(body.items)) throw new Error('the sessions list has no items array');
      return body.items.map(toSession);
    },

    async session(id: string): Promise<SessionSummary> {
      return toSession(await (await get(`/api/v1/sessions/${encodeURIComponent(id)}`)).json());
    },

    /** The stored events exactly as the server sends them. */
    async eventsText(id: string): Promise<string> {
      return (await get(`/api/v1/sessions/${encodeURIComponent(id)}/events`)).text();
    },

    async events(id: string): Promise<RecordedEvent[]> {
      const body: unknown = JSON.parse(await this.eventsText(id));
      if (!Array.isArray(body)) throw new Error('the events endpoint did not answer an array');
      return body.map((event: unknown) => {
        if (!isRecord(event) || typeof event.type !== 'number' || typeof event.timestamp !== 'number') {
          throw new Error(`not an rrweb event: ${JSON.stringify(event).slice(0, 200)}`);
        }
        return event as RecordedEvent;
      });
    },
  };
}

export type AdminApi = ReturnType<typeof adminApi>;

/** Writes with a project's public ingest key (`X-SessionKit-Key`), as the SDK does. */
export function ingestApi(baseUrl: string, ingestKey: string) {
  const post = async (path: string, body: unknown, expected: readonly number[]): Promise<Response> =>
    expectStatus(
      await fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { 'X-SessionKit-Key': ingestKey, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      }),
      expected,
      `POST ${path}`,
    );

  return {
    async startSession(session: { id: string; url: string; userAgent?: string; screen?: { width: number; height: number } }) {
      await post('/api/v1/sessions/', session, [201]);
    },
    async appendEvents(sessionId: string, seq: number, events: readonly RecordedEvent[]) {
      await post(`/api/v1/sessions/${encodeURIComponent(sessionId)}/events`, { seq, events }, [202]);
    },
    /** Starts a session and uploads `events` in batches of `batchSize`, seq 0, 1, 2... */
    async ingest(sessionId: string, url: string, events: readonly RecordedEvent[], batchSize = 100) {
      await this.startSession({ id: sessionId, url, userAgent: 'SessionKit browser tests (API ingest)' });
      for (let seq = 0; seq * batchSize < events.length; seq++) {
        await this.appendEvents(sessionId, seq, events.slice(seq * batchSize, (seq + 1) * batchSize));
      }
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Calls `probe` until it returns a value (not undefined), for at most `timeoutMs`. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  { timeoutMs = 30_000, intervalMs = 500 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
    }
    await sleep(intervalMs);
  }
}
