import type { Transport, TransportRequest, TransportResponse } from '../transport';

export interface SentRequest extends TransportRequest {
  kind: 'create' | 'events';
  /** Session id taken from the URL (events) or the body (create). */
  sessionId: string;
}

export type Responder = (request: SentRequest) => TransportResponse | Error | Promise<TransportResponse | Error>;

export const answer = (status: number, retryAfter: string | null = null): TransportResponse => ({ status, retryAfter });
export const networkError = () => new TypeError('Failed to fetch');

export interface BatchBody {
  seq: number;
  events: { type: number; timestamp: number; data?: unknown }[];
}

/** Decodes a request body (gzipped or not) back into JSON. */
export async function json(request: { body: string | Uint8Array; headers?: Record<string, string> }): Promise<BatchBody> {
  if (request.headers?.['Content-Encoding'] !== 'gzip') return plain(request.body);
  // jsdom's Blob has no stream(), so feed the DecompressionStream by hand.
  const stream = new DecompressionStream('gzip');
  const writer = stream.writable.getWriter();
  void writer.write(request.body as Uint8Array<ArrayBuffer>);
  void writer.close();
  return JSON.parse(await new Response(stream.readable).text()) as BatchBody;
}

/** Decodes a batch body known not to be gzipped. */
export function plain(body: string | Uint8Array): BatchBody {
  return JSON.parse(typeof body === 'string' ? body : new TextDecoder().decode(body)) as BatchBody;
}

/** Decodes a session-start body. */
export function started(body: string | Uint8Array): Record<string, unknown> {
  return JSON.parse(typeof body === 'string' ? body : new TextDecoder().decode(body)) as Record<string, unknown>;
}

export function createFakeTransport(responder: Responder = (r) => answer(r.kind === 'create' ? 201 : 202)) {
  const requests: SentRequest[] = [];
  const beacons: { url: string; body: string }[] = [];
  const state = { responder, beaconResult: true };
  const transport: Transport = {
    async send(request) {
      const kind = /\/events(\?|$)/.test(request.url) ? 'events' : 'create';
      const sessionId =
        kind === 'events'
          ? decodeURIComponent(/sessions\/([^/]+)\/events/.exec(request.url)?.[1] ?? '')
          : String(started(request.body).id);
      const sent: SentRequest = { ...request, kind, sessionId };
      requests.push(sent);
      const result = await state.responder(sent);
      if (result instanceof Error) throw result;
      return result;
    },
    beacon(url, body) {
      beacons.push({ url, body });
      return state.beaconResult;
    },
  };
  return {
    transport,
    requests,
    beacons,
    events: () => requests.filter((r) => r.kind === 'events'),
    creates: () => requests.filter((r) => r.kind === 'create'),
    respondWith(next: Responder) {
      state.responder = next;
    },
    set beaconResult(value: boolean) {
      state.beaconResult = value;
    },
  };
}

/** Lets a chain of already-resolved promises run to its end without touching (fake) timers. */
export async function settle(rounds = 50): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}
