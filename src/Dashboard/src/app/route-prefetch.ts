import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { sessionEventsQueryOptions, sessionQueryOptions } from '../hooks/use-session-query';
import { useApi } from '../hooks/use-api';
import type { Route } from '../lib/router';

/** The replay page's code; imported here as well so that the download starts with the route. */
export const loadReplayPage = () => import('../features/replay/replay-page');

/**
 * Starts what a replay needs as soon as its route is known: the page's code, the session and its events,
 * all at once and while the sign-in check is still running, instead of one after the other once the page
 * has rendered (the first frame of a long replay waited about 0.6 s for that chain). A request made before
 * sign-in fails with 401 and is simply made again by the page.
 */
export function useRoutePrefetch(route: Route): void {
  const api = useApi();
  const client = useQueryClient();
  const sessionId = route.name === 'replay' ? route.sessionId : null;
  useEffect(() => {
    if (sessionId === null) return;
    void loadReplayPage();
    void client.prefetchQuery(sessionQueryOptions(api, sessionId));
    void client.prefetchQuery(sessionEventsQueryOptions(api, sessionId));
  }, [api, client, sessionId]);
}
