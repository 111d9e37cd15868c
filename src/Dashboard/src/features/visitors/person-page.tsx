import { usePersonQuery } from '../../hooks/use-identity-query';
import { formatDateTime } from '../../lib/format';
import { hrefFor } from '../../lib/router';
import { describeUserAgent } from '../../lib/user-agent';
import { IdentitySessions } from './identity-sessions';
import { axisOf } from './journey-layout';
import { JourneyLanes } from './journey-lanes';

/** One person: traits, devices, and every device's journeys on one time axis. */
export function PersonPage(props: { projectId: string; userId: string }) {
  const person = usePersonQuery(props.projectId, props.userId);
  if (person.isPending) return <div className="panel panel--padded muted">Loading person…</div>;
  if (person.isError) return <div className="panel panel--padded error">Could not load this person: {person.error.message}</div>;
  const { traits, devices, journeys, sessions } = person.data;
  const axis = journeys.length > 0 ? axisOf(journeys) : undefined;
  const deviceNumber = (visitorId: string) => devices.findIndex((device) => device.visitorId === visitorId) + 1;
  return (
    <div className="panel panel--padded identity-page">
      <h1>
        Person <span className="mono">{props.userId}</span>
      </h1>
      <h2>Traits</h2>
      <dl className="identity-page__traits" data-testid="person-traits">
        {Object.entries(traits).map(([name, value]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h2>Devices</h2>
      <ul>
        {devices.map((device, index) => (
          <li key={device.visitorId} data-testid="person-device">
            <a href={hrefFor({ name: 'visitor', projectId: props.projectId, visitorId: device.visitorId })}>Device {index + 1}</a>{' '}
            {describeUserAgent(device.userAgent)} · {device.sessionCount} {device.sessionCount === 1 ? 'session' : 'sessions'} · last{' '}
            {formatDateTime(device.lastActivityAt)}
          </li>
        ))}
      </ul>
      <h2>Timeline across devices</h2>
      {journeys.map((journey) => (
        <JourneyLanes key={`${journey.visitorId}-${journey.startMs}`} journey={journey} axis={axis} label={`Device ${deviceNumber(journey.visitorId)}`} />
      ))}
      <h2>Sessions</h2>
      <IdentitySessions sessions={sessions} />
    </div>
  );
}
