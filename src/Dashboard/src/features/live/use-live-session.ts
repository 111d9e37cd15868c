import { useEffect, useReducer, useRef, useState, type RefObject } from 'react';
import type { ConnectionState } from '../../api/live-connection-types';
import type { WatchStatus } from '../../api/live-hub-contract';
import { useLiveConnection, useLiveConnectionState } from '../../hooks/use-live-connection';
import { createGuardedReplayer, type LiveReplayerFactory } from './live-replayer';
import { LiveStream, type ReceiveResult, type StreamPhase } from './live-stream';

export interface LiveSessionState {
  readonly connection: ConnectionState;
  /** `watching` until the server answers WatchSession; `failed` when it refused. */
  readonly watchStatus: WatchStatus | 'watching' | 'failed';
  readonly projectId: string | null;
  readonly phase: StreamPhase;
  readonly viewers: number | null;
  readonly newestTimestamp: number | null;
  /** Delivery lag of the last batch with events (see LiveStream.lagMs). */
  readonly lagMs: number | null;
  readonly currentUrl: string | null;
  readonly violation: string | null;
  readonly error: string | null;
  /** Batches that arrived out of sequence and forced a resync. */
  readonly resyncs: number;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Watches one session on the live hub and plays it into `root`: WatchSession on mount
 * (and again, via the connection, after every reconnect), a resync on any seq gap,
 * UnwatchSession on unmount.
 */
export function useLiveSession(
  sessionId: string,
  root: RefObject<HTMLElement | null>,
  options: { createReplayer: LiveReplayerFactory; bufferMs: number },
): LiveSessionState {
  const connection = useLiveConnection();
  const connectionState = useLiveConnectionState();
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const [watchStatus, setWatchStatus] = useState<LiveSessionState['watchStatus']>('watching');
  const [projectId, setProjectId] = useState<string | null>(null);
  const [viewers, setViewers] = useState<number | null>(null);
  const [violation, setViolation] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [resyncs, setResyncs] = useState(0);
  const streamRef = useRef<LiveStream | null>(null);
  const { createReplayer, bufferMs } = options;

  useEffect(() => {
    const stream = new LiveStream({
      bufferMs,
      createReplayer: () => {
        const target = root.current;
        if (!target) throw new Error('The live view has no root element');
        return createGuardedReplayer(target, createReplayer, setViolation);
      },
    });
    streamRef.current = stream;
    // A ViewersChanged that arrives while WatchSession is pending is newer than the count its
    // answer carries, so the answer's count only counts if no push came first.
    let viewersPushed = false;

    const offs = [
      connection.on('SessionEvents', (id, batch) => {
        if (id !== sessionId) return;
        let result: ReceiveResult;
        try {
          result = stream.receive(batch);
        } catch (failure) {
          setError(`The live replay failed: ${errorText(failure)}`);
          return;
        }
        if (result === 'gap') {
          setResyncs((n) => n + 1);
          handle.resync();
        }
        if (result === 'applied') {
          // Data flows, whatever order the answer and the pushes arrived in.
          setWatchStatus((status) => (status === 'watching' || status === 'awaiting-consent' ? 'streaming' : status));
          rerender();
        }
      }),
      connection.on('ViewersChanged', (id, count) => {
        if (id !== sessionId) return;
        viewersPushed = true;
        setViewers(count);
      }),
      connection.on('ConsentChanged', (id, status) => {
        if (id === sessionId) setWatchStatus(status);
      }),
    ];
    // Subscribed first: the catch-up can follow WatchSession immediately.
    const handle = connection.watchSession(sessionId, {
      onBeforeWatch: () => {
        viewersPushed = false;
        stream.reset();
        setWatchStatus('watching');
        rerender();
      },
      onWatched: (result) => {
        setWatchStatus(result.status);
        setProjectId(result.projectId);
        if (!viewersPushed) setViewers(result.viewerCount);
        setError(null);
      },
      onError: (failure) => {
        setWatchStatus('failed');
        setError(errorText(failure));
      },
    });
    return () => {
      offs.forEach((off) => off());
      handle.release();
      stream.reset();
      if (streamRef.current === stream) streamRef.current = null;
    };
  }, [connection, sessionId, root, createReplayer, bufferMs]);

  const stream = streamRef.current;
  return {
    connection: connectionState,
    watchStatus,
    projectId,
    phase: stream?.phase ?? 'awaiting-catch-up',
    viewers,
    newestTimestamp: stream?.newestTimestamp ?? null,
    lagMs: stream?.lagMs ?? null,
    currentUrl: stream?.currentUrl ?? null,
    violation,
    error,
    resyncs,
  };
}
