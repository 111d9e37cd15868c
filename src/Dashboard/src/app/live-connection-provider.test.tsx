import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { useEffect, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { useLiveConnection, useLiveConnectionState } from '../hooks/use-live-connection';
import { fakeFetch } from '../test/fake-server';
import { FakeHubConnection } from '../test/fake-hub';
import { renderWithApp } from '../test/render';

function Watcher(props: { sessionId: string; projectId: string }) {
  const connection = useLiveConnection();
  const state = useLiveConnectionState();
  useEffect(() => {
    const session = connection.watchSession(props.sessionId, {});
    const project = connection.watchProject(props.projectId, {});
    return () => {
      session.release();
      project.release();
    };
  }, [connection, props.sessionId, props.projectId]);
  return <span data-testid="state">{state}</span>;
}

function Page() {
  const [watching, setWatching] = useState(true);
  return (
    <>
      {watching && <Watcher sessionId="s-1" projectId="shop" />}
      <button type="button" onClick={() => setWatching(false)}>
        Leave
      </button>
    </>
  );
}

describe('LiveConnectionProvider', () => {
  it('owns one hub connection and re-watches sessions and projects after a reconnect', async () => {
    const hub = new FakeHubConnection();
    const { unmount } = renderWithApp(<Page />, { fetch: fakeFetch().fetch, hub });

    await waitFor(() => expect(screen.getByTestId('state').textContent).toBe('connected'));
    await waitFor(() => expect(hub.calls('WatchSession')).toEqual([['s-1']]));
    expect(hub.calls('WatchProject')).toEqual([['shop']]);
    expect(hub.starts).toBe(1);

    act(() => hub.dropConnection());
    expect(screen.getByTestId('state').textContent).toBe('reconnecting');
    act(() => hub.restoreConnection());

    await waitFor(() => expect(hub.calls('WatchSession')).toEqual([['s-1'], ['s-1']]));
    expect(hub.calls('WatchProject')).toEqual([['shop'], ['shop']]);
    expect(screen.getByTestId('state').textContent).toBe('connected');

    // The page goes away, the connection stays.
    fireEvent.click(screen.getByRole('button', { name: 'Leave' }));
    expect(hub.calls('UnwatchSession')).toEqual([['s-1']]);
    expect(hub.calls('UnwatchProject')).toEqual([['shop']]);
    expect(hub.stops).toBe(0);

    unmount();
    await waitFor(() => expect(hub.stops).toBe(1));
  });
});
