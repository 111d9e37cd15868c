import { decode } from './decode';
import { liveArgDecoders, liveClientMethodNames, watchSessionResultDecoder } from './live-decoders';
import type {
  ConnectionState,
  HubConnectionLike,
  ProjectWatchListener,
  SessionWatchListener,
  WatchHandle,
} from './live-connection-types';
import {
  liveServerMethods,
  type LiveClientMethodName,
  type LiveClientMethods,
  type LiveServerCalls,
  type LiveServerMethodName,
} from './live-hub-contract';

type Listener = SessionWatchListener | ProjectWatchListener;
type WatchKind = 'session' | 'comments' | 'project';
interface WatchEntry {
  readonly kind: WatchKind;
  readonly id: string;
  readonly listeners: Set<Listener>;
  issued: number;
}

type AnyHandler = (...args: unknown[]) => void;

const watchMethods: Record<WatchKind, { watch: LiveServerMethodName; unwatch: LiveServerMethodName }> = {
  session: { watch: liveServerMethods.watchSession, unwatch: liveServerMethods.unwatchSession },
  comments: { watch: liveServerMethods.watchComments, unwatch: liveServerMethods.unwatchComments },
  project: { watch: liveServerMethods.watchProject, unwatch: liveServerMethods.unwatchProject },
};

export interface LiveConnectionOptions {
  /** Delays between attempts to start the connection when it fails or closes for good. */
  readonly retryDelaysMs?: readonly number[];
  readonly logger?: Pick<Console, 'warn'>;
}

const defaultRetryDelaysMs = [0, 2_000, 5_000, 10_000, 30_000];

/**
 * The dashboard's one live connection: typed `on`/`invoke` over the hub contract, payloads
 * decoded at the boundary, and a registry of watches that is re-issued whenever the
 * connection (re)connects, because the server forgets a connection's watches with it.
 */
export class LiveConnection {
  private state: ConnectionState = 'disconnected';
  private readonly stateListeners = new Set<() => void>();
  private readonly handlers = new Map<LiveClientMethodName, Set<AnyHandler>>();
  private readonly watches = new Map<string, WatchEntry>();
  private running = false;
  /** Bumped by start() and stop(): an attempt from an earlier run gives up quietly. */
  private generation = 0;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private stopping: Promise<void> | null = null;

  constructor(
    private readonly hub: HubConnectionLike,
    private readonly options: LiveConnectionOptions = {},
  ) {
    hub.onreconnecting(() => this.setState('reconnecting'));
    hub.onreconnected(() => this.connected());
    hub.onclose(() => {
      this.setState('disconnected');
      // A close we asked for (stop, possibly followed at once by start) is not a failure.
      if (this.running && this.stopping === null) this.scheduleStart();
    });
    for (const method of liveClientMethodNames) {
      hub.on(method, (...raw: unknown[]) => this.dispatch(method, raw));
    }
  }

  getState = (): ConnectionState => this.state;

  subscribeState = (listener: () => void): (() => void) => {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  };

  /** Starts connecting (idempotent); retries until `stop()`. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.attempt = 0;
    void this.connect(++this.generation);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.generation += 1;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const stopping = (this.stopping = Promise.resolve().then(() => this.hub.stop()).catch(() => undefined));
    await stopping;
    if (this.stopping === stopping) this.stopping = null;
    if (!this.running) this.setState('disconnected');
  }

  /** Subscribes to one server-to-client method; returns the unsubscribe function. */
  on<K extends LiveClientMethodName>(method: K, handler: (...args: LiveClientMethods[K]) => void): () => void {
    let set = this.handlers.get(method);
    if (!set) this.handlers.set(method, (set = new Set()));
    const untyped = handler as unknown as AnyHandler;
    set.add(untyped);
    return () => set.delete(untyped);
  }

  invoke<K extends LiveServerMethodName>(method: K, ...args: LiveServerCalls[K]['args']): Promise<unknown> {
    return this.hub.invoke(method, ...args);
  }

  watchSession(sessionId: string, listener: SessionWatchListener): WatchHandle {
    return this.addWatch('session', sessionId, listener);
  }

  /** CommentAdded pushes for a session without watching it live (not counted as a viewer). */
  watchComments(sessionId: string, listener: ProjectWatchListener): WatchHandle {
    return this.addWatch('comments', sessionId, listener);
  }

  watchProject(projectId: string, listener: ProjectWatchListener): WatchHandle {
    return this.addWatch('project', projectId, listener);
  }

  private addWatch(kind: WatchEntry['kind'], id: string, listener: Listener): WatchHandle {
    const key = `${kind}:${id}`;
    let entry = this.watches.get(key);
    if (!entry) this.watches.set(key, (entry = { kind, id, listeners: new Set(), issued: 0 }));
    entry.listeners.add(listener);
    // A newcomer needs its own catch-up, so the watch is (re)issued for everyone.
    void this.issue(entry);
    const watched = entry;
    return {
      release: () => {
        if (!watched.listeners.delete(listener) || watched.listeners.size > 0) return;
        this.watches.delete(key);
        if (this.state !== 'connected') return;
        const method = watchMethods[kind].unwatch;
        this.hub.invoke(method, id).catch((error: unknown) => this.options.logger?.warn(`${method} failed`, error));
      },
      resync: () => {
        if (this.watches.get(key) === watched && watched.listeners.has(listener)) void this.issue(watched);
      },
    };
  }

  private async issue(entry: WatchEntry): Promise<void> {
    if (this.state !== 'connected') return; // issued on connect
    const rewatch = entry.issued > 0;
    entry.issued += 1;
    const listeners = [...entry.listeners];
    const current = () => this.watches.get(`${entry.kind}:${entry.id}`) === entry;
    try {
      if (entry.kind === 'session') {
        const sessionListeners = listeners as SessionWatchListener[];
        for (const listener of sessionListeners) listener.onBeforeWatch?.();
        const raw = await this.hub.invoke(liveServerMethods.watchSession, entry.id);
        const result = decode(watchSessionResultDecoder, raw);
        if (current()) for (const listener of sessionListeners) listener.onWatched?.(result);
      } else {
        await this.hub.invoke(watchMethods[entry.kind].watch, entry.id);
        if (current()) for (const listener of listeners as ProjectWatchListener[]) listener.onWatched?.({ rewatch });
      }
    } catch (error) {
      if (current()) for (const listener of listeners) listener.onError?.(error);
    }
  }

  private connected(): void {
    this.attempt = 0;
    this.setState('connected');
    for (const entry of this.watches.values()) void this.issue(entry);
  }

  private async connect(generation: number): Promise<void> {
    while (this.stopping) await this.stopping;
    if (generation !== this.generation) return;
    this.setState('connecting');
    try {
      await this.hub.start();
    } catch (error) {
      if (generation !== this.generation) return;
      this.options.logger?.warn('Live connection failed to start', error);
      this.setState('disconnected');
      this.scheduleStart();
      return;
    }
    if (generation === this.generation) this.connected();
  }

  private scheduleStart(): void {
    if (this.retryTimer !== null) return;
    const delays = this.options.retryDelaysMs ?? defaultRetryDelaysMs;
    const delay = delays[Math.min(this.attempt, delays.length - 1)] ?? 30_000;
    this.attempt += 1;
    const generation = this.generation;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.running) void this.connect(generation);
    }, delay);
  }

  private dispatch(method: LiveClientMethodName, raw: unknown[]): void {
    let args: unknown[];
    try {
      args = liveArgDecoders[method](raw);
    } catch (error) {
      this.options.logger?.warn(`Ignored a malformed ${method} push`, error);
      return;
    }
    for (const handler of [...(this.handlers.get(method) ?? [])]) {
      try {
        handler(...args);
      } catch (error) {
        this.options.logger?.warn(`A ${method} handler failed`, error);
      }
    }
  }

  private setState(next: ConnectionState): void {
    if (this.state === next) return;
    this.state = next;
    for (const listener of [...this.stateListeners]) listener();
  }
}
