import { useQueryClient } from '@tanstack/react-query';
import { useContext, useEffect, useState, type ReactNode } from 'react';
import { LiveConnection } from '../api/live-connection';
import type { HubConnectionFactory } from '../api/live-connection-types';
import { liveHubPath } from '../api/live-hub-contract';
import { createSignalRConnection } from '../api/signalr-connection';
import { connectLiveCacheWriters } from '../hooks/live-cache';
import { HubFactoryContext, LiveConnectionContext } from '../hooks/use-live-connection';

/**
 * Owns the dashboard's single connection to the live hub while a user is signed in, and
 * writes the pushes that describe server data (sessions, comments) into the query cache.
 */
export function LiveConnectionProvider(props: { factory?: HubConnectionFactory; children: ReactNode }) {
  const queryClient = useQueryClient();
  const contextFactory = useContext(HubFactoryContext);
  const [connection] = useState(() => {
    const factory = props.factory ?? contextFactory ?? createSignalRConnection;
    return new LiveConnection(factory(liveHubPath), { logger: console });
  });

  useEffect(() => {
    const detach = connectLiveCacheWriters(connection, queryClient);
    connection.start();
    return () => {
      detach();
      void connection.stop();
    };
  }, [connection, queryClient]);

  return <LiveConnectionContext.Provider value={connection}>{props.children}</LiveConnectionContext.Provider>;
}
