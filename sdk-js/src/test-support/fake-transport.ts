import type { Transport, TransportRequest, TransportResponse } from '../transport';

export interface SentRequest extends TransportRequest {
  kind: 'create' | 'events' | 'consent';
  /** Session id taken from the URL (events, consent) or the body (create). */
  sessionId: string;
}

export type Responder = (request: SentRequest) => TransportResponse | Error | Promise<TransportResponse | Error>;

export const answer = (status: number, retryAfter: string | null = null): TransportResponse => ({ status, retryAfter });
export const networkError = () => new TypeError('Failed to fetch');

/** What a server with live mode answers to a batch (docs/api.md, "Live mode in ingest answers"). */
export interface LiveHints {
  live?: number | null;
  takeFullSnapshot?: boolean;
  consentRequested?: boolean;
}
export const liveAnswer = ({ live = null, takeFullSnapshot = false, consentRequested = false }: LiveHints): TransportResponse => ({
  status: 202,
  retryAfter: null,
  body: JSON.stringify({ seq: 0, duplicate: false, live: live === null ? null : { viewers: 1, flushIntervalMs: live }, takeFullSnapshot, consentRequested }),
});

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
      const path = /sessions\/([^/?]+)\/(events|live-consent)/.exec(request.url);
      const kind = path ? (path[2] === 'events' ? 'events' : 'consent') : 'create';
      const sessionId = path ? decodeURIComponent(path[1]!) : String(started(request.body).id);
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
    consents: () => requests.filter((r) => r.kind === 'consent'),
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

/** A responder whose live hints a test changes as it goes; consents answer 204. */
export function liveServer(initial: LiveHints = {}) {
  const hints: LiveHints = { ...initial };
  const responder: Responder = (r) => (r.kind === 'create' ? answer(201) : r.kind === 'consent' ? answer(204) : liveAnswer(hints));
  return { hints, responder };
}
