import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';
import { DeliveryTable } from '../deliveries/delivery-table';
import { formatTime, prettyJson } from '../ui/format';
import { ErrorState, Loading } from '../ui/states';

export function EventDetailPage() {
  const { id = '' } = useParams();
  const event = useQuery({ queryKey: ['event', id], queryFn: () => call(api.GET('/v1/events/{id}', { params: { path: { id } } })) });
  if (event.isPending) return <Loading what="the event" />;
  if (event.error) return <ErrorState error={event.error} />;
  const e = event.data;
  return (
    <section aria-labelledby="event-title">
      <p className="crumbs">
        <Link to="/events">Events</Link>
      </p>
      <h1 id="event-title">
        Event <code>{e.id}</code>
      </h1>
      <dl className="facts">
        <dt>Type</dt>
        <dd>
          <code>{e.type}</code>
        </dd>
        <dt>Time</dt>
        <dd>{formatTime(e.time)}</dd>
      </dl>
      <h2>Data</h2>
      <pre className="payload">{prettyJson(e)}</pre>
      <h2>Its deliveries</h2>
      <EventDeliveries eventId={e.id} type={e.type} time={e.time} />
    </section>
  );
}

/** The deliveries of one event: its type around its time, kept to this event's id. */
function EventDeliveries({ eventId, type, time }: { eventId: string; type: string; time: string }) {
  const after = new Date(Date.parse(time) - 60_000).toISOString();
  return <DeliveryTable filters={{ event_type: type, created_after: after }} eventId={eventId} />;
}
