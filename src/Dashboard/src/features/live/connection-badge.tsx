import type { ConnectionState } from '../../api/live-connection-types';

const labels: Record<ConnectionState, string> = {
  connecting: 'connecting',
  connected: 'connected',
  reconnecting: 'reconnecting',
  disconnected: 'disconnected',
};

/** The live connection's state, as a small badge. */
export function ConnectionBadge(props: { state: ConnectionState }) {
  return (
    <span className={props.state === 'connected' ? 'badge badge--live' : 'badge badge--warn'} data-testid="live-connection">
      {labels[props.state]}
    </span>
  );
}
