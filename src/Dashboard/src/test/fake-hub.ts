import type { HubConnectionFactory, HubConnectionLike } from '../api/live-connection-types';
import type { LiveClientMethodName, LiveClientMethods } from '../api/live-hub-contract';

type Answer = (...args: unknown[]) => unknown;

/**
 * A stand-in for @microsoft/signalr's HubConnection: records invocations, answers them
 * from per-method functions, and lets a test push server calls or drop the connection.
 */
export class FakeHubConnection implements HubConnectionLike {
  readonly invocations: Array<{ method: string; args: unknown[] }> = [];
  readonly answers = new Map<string, Answer>([
    ['WatchSession', (sessionId) => ({ sessionId, projectId: 'default', status: 'streaming', viewerCount: 1 })],
  ]);
  starts = 0;
  stops = 0;
  /** Set to make the next start() fail. */
  failNextStart: Error | null = null;
  private readonly handlers = new Map<string, Array<(...args: unknown[]) => void>>();
  private readonly reconnecting: Array<(error?: Error) => void> = [];
  private readonly reconnected: Array<(id?: string) => void> = [];
  private readonly closed: Array<(error?: Error) => void> = [];

  start(): Promise<void> {
    this.starts += 1;
    const failure = this.failNextStart;
    this.failNextStart = null;
    return failure ? Promise.reject(failure) : Promise.resolve();
  }
  stop(): Promise<void> {
    this.stops += 1;
    for (const callback of this.closed) callback();
    return Promise.resolve();
  }
  on(method: string, handler: (...args: unknown[]) => void): void {
    this.handlers.set(method, [...(this.handlers.get(method) ?? []), handler]);
  }
  invoke(method: string, ...args: unknown[]): Promise<unknown> {
    this.invocations.push({ method, args });
    const answer = this.answers.get(method);
    try {
      return Promise.resolve(answer ? answer(...args) : undefined);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
  onreconnecting(callback: (error?: Error) => void): void {
    this.reconnecting.push(callback);
  }
  onreconnected(callback: (id?: string) => void): void {
    this.reconnected.push(callback);
  }
  onclose(callback: (error?: Error) => void): void {
    this.closed.push(callback);
  }

  /** The server calls a client method (typed as the contract says). */
  push<K extends LiveClientMethodName>(method: K, ...args: LiveClientMethods[K]): void {
    this.pushRaw(method, ...args);
  }
  /** The server calls a client method with anything at all (for malformed payloads). */
  pushRaw(method: string, ...args: unknown[]): void {
    for (const handler of this.handlers.get(method) ?? []) handler(...args);
  }
  dropConnection(): void {
    for (const callback of this.reconnecting) callback(new Error('connection lost'));
  }
  restoreConnection(): void {
    for (const callback of this.reconnected) callback('connection-2');
  }
  /** Invocations of one method, as their argument lists. */
  calls(method: string): unknown[][] {
    return this.invocations.filter((i) => i.method === method).map((i) => i.args);
  }
}

export function fakeHubFactory(hub: FakeHubConnection): HubConnectionFactory {
  return () => hub;
}
