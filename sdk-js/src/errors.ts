/** The custom event tag the server's error-click detector reads (SignalEvaluator.ErrorEventTag). */
export const ERROR_EVENT_TAG = 'sessionkit/error';

export interface CapturedError {
  kind: 'error' | 'unhandledrejection';
  message: string;
  stack?: string | undefined;
  /** Epoch ms of the moment the page reported it. */
  time: number;
}

/**
 * Reports the page's uncaught errors and unhandled promise rejections to `emit` until `on.signal` aborts:
 * message and stack, what the page's console would show. Kept tiny (the SDK's own-code budget), and
 * capped per page so an error loop cannot flood the recording.
 */
export function captureErrors(emit: (error: CapturedError) => void, on: { signal: AbortSignal }): void {
  let count = 0;
  // The event's type is the kind: 'error' or 'unhandledrejection'.
  const report = (event: Event, reason: unknown, fallback: string) => {
    if (count++ >= 50) return;
    const error = reason instanceof Error ? reason : null;
    const message = error ? `${error.name}: ${error.message}` : typeof reason == 'string' ? reason : fallback;
    emit({ kind: event.type as CapturedError['kind'], message: message.slice(0, 500), stack: error?.stack?.slice(0, 2000), time: Date.now() });
  };
  // Failed images and scripts fire plain Events (in the capture phase only); a thrown error is an ErrorEvent.
  addEventListener('error', (event) => event instanceof ErrorEvent && report(event, event.error ?? event.message, 'Script error.'), on);
  addEventListener('unhandledrejection', (event) => report(event, event.reason, 'Unhandled rejection'), on);
}
