import { createContext, useContext, useEffect, useRef, useSyncExternalStore } from 'react';
import type { LiveConnection } from '../api/live-connection';
import type { ConnectionState, HubConnectionFactory } from '../api/live-connection-types';
import type { LiveClientMethodName, LiveClientMethods } from '../api/live-hub-contract';

export const LiveConnectionContext = createContext<LiveConnection | null>(null);

/** Which hub connection to build; tests put a fake one here. */
export const HubFactoryContext = createContext<HubConnectionFactory | null>(null);

export function useLiveConnection(): LiveConnection {
  const connection = useContext(LiveConnectionContext);
  if (!connection) throw new Error('useLiveConnection() needs a <LiveConnectionProvider> above it');
  return connection;
}

export function useLiveConnectionState(): ConnectionState {
  const connection = useLiveConnection();
  return useSyncExternalStore(connection.subscribeState, connection.getState, connection.getState);
}

/** Calls the latest `handler` for every push of `method` while the component is mounted. */
export function useLiveEvent<K extends LiveClientMethodName>(
  method: K,
  handler: (...args: LiveClientMethods[K]) => void,
): void {
  const connection = useLiveConnection();
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => connection.on(method, (...args) => latest.current(...args)), [connection, method]);
}
