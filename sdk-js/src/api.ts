import type { Traits } from './identity';

export interface SessionKit {
  /** The id of the session being recorded, or null when this one is not sampled or stopped. */
  getSessionId(): string | null;
  /** Sends what is buffered now. Resolves once the queue is empty or waiting for a retry. */
  flush(): Promise<void>;
  /** Stops recording and sends what is left. */
  stop(): Promise<void>;
  /** Ties this device's visitor to a person, in the recording's order (so it survives offline queueing). */
  identify(userId: string, traits?: Traits): void;
  /** On logout: a new anonymous visitor on this device, recorded in a new session. */
  reset(): void;
}

const resolved = () => Promise.resolve();
const nothing = () => undefined;
/** What a page without a recording gets (server-side rendering; the script-tag global before init). */
export const inert: SessionKit = { getSessionId: () => null, flush: resolved, stop: resolved, identify: nothing, reset: nothing };
