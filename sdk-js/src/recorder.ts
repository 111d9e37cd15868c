import { record } from '@rrweb/record';
import type { MaskInputOptions, SessionKitOptions } from './options';

/** The part of an rrweb event the SDK looks at; the rest is passed through untouched. */
export interface RecordedEvent {
  type: number;
  timestamp: number;
  data?: unknown;
}

export interface Recording {
  stop(): void;
  /** Emits a fresh Meta + FullSnapshot pair, which a new session needs to be replayable. */
  snapshot(): void;
  /** Adds a custom event (rrweb type 5) to the stream. */
  custom(tag: string, payload: unknown): void;
}

type RecordOptions = NonNullable<Parameters<typeof record<RecordedEvent>>[0]>;

// rrweb's own fallback mask repeats '*' per character; a password's length is worth hiding too.
const PASSWORD_MASK = '********';

function isPassword(element: HTMLElement | null): boolean {
  if (!element) return false;
  return (
    (element as HTMLInputElement).type === 'password' ||
    // rrweb leaves this marker on a password field a "show password" button turned into text.
    element.hasAttribute('data-rr-is-password')
  );
}

export function recordOptions(options: SessionKitOptions, emit: (event: RecordedEvent) => void): RecordOptions {
  // rrweb ignores maskInputOptions when maskAllInputs is true, so forcing password here only
  // matters for sites that opted out of masking everything, which is exactly where it must hold.
  const maskInputOptions: MaskInputOptions = { ...options.maskInputOptions, password: true };
  return {
    emit,
    maskAllInputs: options.maskAllInputs,
    maskInputOptions,
    maskInputFn: (text, element) => (isPassword(element) ? (text ? PASSWORD_MASK : '') : '*'.repeat(text.length)),
    ...(options.maskTextSelector ? { maskTextSelector: options.maskTextSelector } : {}),
    ...(options.blockSelector ? { blockSelector: options.blockSelector } : {}),
    ...(options.ignoreSelector ? { ignoreSelector: options.ignoreSelector } : {}),
    recordCanvas: options.recordCanvas,
    collectFonts: options.collectFonts,
    inlineImages: options.inlineImages,
    recordCrossOriginIframes: false,
    slimDOMOptions: 'all',
  };
}

export function startRecording(options: SessionKitOptions, emit: (event: RecordedEvent) => void): Recording | null {
  let stop: (() => void) | undefined;
  try {
    stop = record<RecordedEvent>(recordOptions(options, emit));
  } catch (error) {
    // A recorder failure must never break the page it is recording.
    console.warn('[SessionKit] could not start recording', error);
    return null;
  }
  if (!stop) return null;
  return {
    stop,
    snapshot: () => record.takeFullSnapshot(true),
    custom: (tag, payload) => record.addCustomEvent(tag, payload),
  };
}
