import type { WatchSessionResult } from './live-hub-contract';

// Types of the live connection (live-connection.ts), apart so fakes and providers can use them.

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

/**
 * The part of @microsoft/signalr's HubConnection the dashboard uses, so tests can inject a
 * fake one. `signalr-connection.ts` builds the real one.
 */
export interface HubConnectionLike {
  start(): Promise<void>;
  stop(): Promise<void>;
  on(method: string, handler: (...args: unknown[]) => void): void;
  invoke(method: string, ...args: unknown[]): Promise<unknown>;
  onreconnecting(callback: (error?: Error) => void): void;
  onreconnected(callback: (connectionId?: string) => void): void;
  onclose(callback: (error?: Error) => void): void;
}

export type HubConnectionFactory = (url: string) => HubConnectionLike;

export interface SessionWatchListener {
  /** Before every WatchSession (first, after a reconnect, on resync): drop what was received. */
  onBeforeWatch?(): void;
  onWatched?(result: WatchSessionResult): void;
  onError?(error: unknown): void;
}

/** For watches whose pushes carry no catch-up: a project's sessions, a session's comments. */
export interface ProjectWatchListener {
  /** After every watch call; `rewatch` is true when it was re-issued (reconnect), so pushes may have been missed. */
  onWatched?(info: { rewatch: boolean }): void;
  onError?(error: unknown): void;
}

export interface WatchHandle {
  /** Stops watching (the hub is told once no one else in this tab watches it). */
  release(): void;
  /** Calls Watch again: the server answers with a fresh catch-up. */
  resync(): void;
}
