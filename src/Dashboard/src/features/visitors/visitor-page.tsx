import { useVisitorQuery } from '../../hooks/use-identity-query';
import { hrefFor } from '../../lib/router';
import { IdentitySessions } from './identity-sessions';
import { MergedReplay } from './merged-replay';

/** One device visitor: who it was identified as, its journeys as parallel tab lanes replayed as one timeline, and its sessions. */
export function VisitorPage(props: { projectId: string; visitorId: string }) {
  const visitor = useVisitorQuery(props.projectId, props.visitorId);
  if (visitor.isPending) return <div className="panel panel--padded muted">Loading visitor…</div>;
  if (visitor.isError) return <div className="panel panel--padded error">Could not load this visitor: {visitor.error.message}</div>;
  const { aliases, journeys, sessions } = visitor.data;
  const persons = [...new Set(aliases.map((alias) => alias.userId))];
  return (
    <div className="panel panel--padded identity-page">
      <h1>
        Visitor <span className="mono">{props.visitorId}</span>
      </h1>
      <p className="muted">
        {persons.length === 0 ? 'Anonymous: never identified.' : 'Identified as '}
        {persons.map((userId, index) => (
          <span key={userId}>
            {index > 0 && ', '}
            <a href={hrefFor({ name: 'person', projectId: props.projectId, userId })} data-testid="visitor-person">
              {userId}
            </a>
          </span>
        ))}
      </p>
      <h2>Journeys</h2>
      {[...journeys].reverse().map((journey) => (
        <section key={journey.startMs} className="identity-page__journey">
          <MergedReplay journey={journey} />
        </section>
      ))}
      <h2>Sessions</h2>
      <IdentitySessions sessions={sessions} />
    </div>
  );
}
