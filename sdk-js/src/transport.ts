export interface TransportRequest {
  url: string;
  body: string | Uint8Array;
  headers: Record<string, string>;
  /** Set on page hide/unload so the browser finishes the request after the page is gone. */
  keepalive: boolean;
}

export interface TransportResponse {
  status: number;
  /** The raw `Retry-After` header, if the server sent one. */
  retryAfter: string | null;
  /** The answer's text; SessionKit reads live-mode hints from it. Leave it out if you have none. */
  body?: string;
}

/** How the SDK reaches the server. Inject a fake one in tests. */
export interface Transport {
  /** Resolves with any HTTP status; rejects only when no answer came (offline, CORS, aborted). */
  send(request: TransportRequest): Promise<TransportResponse>;
  /** Fire-and-forget for a dying page. Returns false when the browser refused to queue it. */
  beacon(url: string, body: string): boolean;
}

export function createFetchTransport(): Transport {
  return {
    async send(request) {
      // The request's body, headers and keepalive are fetch's own (fetch ignores its url there).
      // A Uint8Array is a valid BodyInit; the cast only bridges lib.dom's ArrayBuffer generics.
      const response = await fetch(request.url, { ...(request as RequestInit), method: 'POST', credentials: 'omit' });
      // A body cut off mid-way only loses the live hints; the status already says what happened.
      const text = await response.text().catch(() => '');
      return { status: response.status, retryAfter: response.headers.get('Retry-After'), body: text };
    },
    beacon(url, body) {
      // Where there is no sendBeacon this throws too.
      try {
        return navigator.sendBeacon(url, new Blob([body], { type: 'text/plain' }));
      } catch {
        return false;
      }
    },
  };
}
