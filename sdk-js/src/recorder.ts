import { record } from '@rrweb/record';
import type { SessionKitOptions } from './options';

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
  /** Emits an rrweb custom event (type 5) through the recorder, so it keeps its place among the others; never throws. */
  addCustom(tag: string, payload: unknown): void;
}

type RecordOptions = NonNullable<Parameters<typeof record<RecordedEvent>>[0]>;

// rrweb's own fallback mask repeats '*' per character; a password's length is worth hiding too.
const PASSWORD_MASK = '********';

// The options go to rrweb as they are (recordOptions): a SessionKit option must share a name with an rrweb
// option only where it means that option. The type check fails when a new option takes another of its names.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Expect<T extends true> = T;
export type OptionsSharedWithRrweb = Expect<
  Same<
    Extract<keyof SessionKitOptions, keyof RecordOptions>,
    'maskAllInputs' | 'maskInputOptions' | 'maskTextSelector' | 'blockSelector' | 'ignoreSelector' | 'recordCanvas' | 'collectFonts' | 'inlineImages'
  >
>;

export function recordOptions(options: SessionKitOptions, emit: (event: RecordedEvent) => void): RecordOptions {
  return {
    // The privacy and capture options keep their names in rrweb (resolveOptions keeps nothing but options).
    ...options,
    emit,
    // rrweb ignores maskInputOptions when maskAllInputs is true, so forcing password here only
    // matters for sites that opted out of masking everything, which is exactly where it must hold.
    maskInputOptions: { ...options.maskInputOptions, password: true },
    // rrweb's type says the element is never null; masking must not depend on that.
    maskInputFn(text: string, element: HTMLElement | null) {
      // rrweb leaves data-rr-is-password on a password field a "show password" button turned into text.
      const password = (element as HTMLInputElement | null)?.type === 'password' || element?.hasAttribute('data-rr-is-password');
      return password ? (text ? PASSWORD_MASK : '') : '*'.repeat(text.length);
    },
    // A selector turned off (null or empty) is left to rrweb, whose default is none.
    maskTextSelector: options.maskTextSelector || undefined,
    blockSelector: options.blockSelector || undefined,
    ignoreSelector: options.ignoreSelector || undefined,
    recordCrossOriginIframes: false,
    slimDOMOptions: 'all',
  };
}

export function startRecording(options: SessionKitOptions, emit: (event: RecordedEvent) => void): Recording | null {
  try {
    const stop = record<RecordedEvent>(recordOptions(options, emit));
    return stop ? { stop, snapshot: () => record.takeFullSnapshot(true), addCustom } : null;
  } catch (error) {
    // A recorder failure must never break the page it is recording.
    console.warn('[SessionKit] could not start recording', error);
    return null;
  }
}

// Through rrweb, so it lands among the events in order.
function addCustom(tag: string, payload: unknown): void {
  try {
    record.addCustomEvent(tag, payload);
  } catch {
    // rrweb refuses custom events while it is not recording: there is nothing to attach them to.
  }
}
