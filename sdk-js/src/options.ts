import type { record } from '@rrweb/record';
import type { Transport } from './transport';

type RrwebOptions = NonNullable<Parameters<typeof record>[0]>;
export type MaskInputOptions = NonNullable<RrwebOptions['maskInputOptions']>;

/** Every setting of the SDK. Documented, with defaults, in docs/sdk.md. */
export interface SessionKitOptions {
  /** Base URL of the SessionKit server, e.g. `https://replay.example.com`. */
  endpoint: string;
  /** The project's public ingest key. */
  projectKey: string;
  /** Share of sessions recorded, 0..1. Decided once per session. */
  sampleRate: number;
  flushIntervalMs: number;
  maxBatchEvents: number;
  /** Uncompressed JSON size at which a batch is cut. */
  maxBatchBytes: number;
  /** Unsent data kept in memory; past it recording stops for this page. */
  maxQueueBytes: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  /** A tab without user interaction for longer starts a new session. */
  sessionTimeoutMs: number;
  /** Gzip batches with the browser's CompressionStream when it has one. */
  gzip: boolean;
  maskAllInputs: boolean;
  /** Used when maskAllInputs is false. Passwords are masked whatever it says. */
  maskInputOptions: MaskInputOptions;
  maskTextSelector: string | null;
  blockSelector: string | null;
  ignoreSelector: string | null;
  recordCanvas: boolean;
  collectFonts: boolean;
  inlineImages: boolean;
  /** Replaces fetch/sendBeacon, for tests or custom networking. */
  transport: Transport | null;
  /** An idle, visible tab sends an empty batch this often so it learns that a viewer joined; 0 turns it off. */
  liveCheckIntervalMs: number;
  /** Show the visitor a badge while someone watches live. */
  liveIndicator: boolean;
  liveIndicatorText: string;
  liveConsentText: string;
  /** Replaces the built-in consent dialog: resolve true to let the viewer watch. */
  onLiveConsentRequest: (() => boolean | Promise<boolean>) | null;
  /** False: storage-less mode, nothing kept in localStorage or sessionStorage, so no device links sessions (identify still does). */
  storage: boolean;
  /** Announce tabs opening, coming to the front, leaving it and closing, for journeys across tabs. */
  announceTabs: boolean;
}

export type SessionKitInit = Partial<SessionKitOptions> & Pick<SessionKitOptions, 'endpoint' | 'projectKey'>;

export const defaultOptions: Readonly<Omit<SessionKitOptions, 'endpoint' | 'projectKey'>> = Object.freeze({
  sampleRate: 1,
  flushIntervalMs: 5_000,
  maxBatchEvents: 500,
  maxBatchBytes: 256 * 1024,
  maxQueueBytes: 5 * 1024 * 1024,
  retryBaseDelayMs: 1_000,
  retryMaxDelayMs: 60_000,
  sessionTimeoutMs: 30 * 60 * 1000,
  gzip: true,
  maskAllInputs: true,
  maskInputOptions: { password: true },
  maskTextSelector: '.sk-mask,[data-sk-mask]',
  blockSelector: '.sk-block,[data-sk-block]',
  ignoreSelector: '.sk-ignore,[data-sk-ignore]',
  recordCanvas: false,
  collectFonts: false,
  inlineImages: false,
  transport: null,
  liveCheckIntervalMs: 5_000,
  liveIndicator: true,
  liveIndicatorText: 'Support is viewing this page',
  liveConsentText: 'A support agent would like to view this page with you. Allow?',
  onLiveConsentRequest: null,
  storage: true,
  announceTabs: true,
});

/** Merges over the defaults; an option given as undefined keeps its default, a name that is no option is dropped. */
export function resolveOptions(init: SessionKitInit): SessionKitOptions {
  const merged: Record<string, unknown> = { ...defaultOptions, endpoint: 0, projectKey: 0 };
  // The options go on to rrweb (recordOptions), which must get none of its own from a page.
  for (const [key, value] of Object.entries(init as Record<string, unknown>)) if (value !== undefined && key in merged) merged[key] = value;
  const { endpoint, projectKey, sampleRate } = merged;

  // Script-tag users pass plain JavaScript objects, so the types are checked at run time too.
  if (typeof endpoint != 'string' || !endpoint.trim()) throw new TypeError("[SessionKit] endpoint (the server's URL) is required");
  if (typeof projectKey != 'string' || !projectKey) throw new TypeError('[SessionKit] projectKey (the ingest key) is required');
  merged.endpoint = endpoint.trim().replace(/\/+$/, '');
  // Number.isFinite is false for what is not a number at all.
  merged.sampleRate = Number.isFinite(sampleRate) ? Math.min(1, Math.max(0, sampleRate as number)) : 1;
  return merged as unknown as SessionKitOptions;
}
