import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';
import { formatTime, relativeTime } from '../ui/format';
import { Pager } from '../ui/pager';
import { useUrlFilters } from '../ui/use-url-filters';
import { Empty, ErrorState, Loading } from '../ui/states';
import { useCatalog } from '../api/use-catalog';

export function EventListPage() {
  const [cursor, setCursor] = useState<string | undefined>();
  // A changed filter starts again from the first page.
  const filter = useUrlFilters(() => setCursor(undefined));
  const catalog = useCatalog();
  const query = {
    limit: 25,
    cursor,
    ...filter.query(['type', 'created_after', 'created_before'] as const),
  };
  const events = useQuery({ queryKey: ['events', query], queryFn: () => call(api.GET('/v1/events', { params: { query } })) });
  const set = filter.set;
  return (
    <section aria-labelledby="events-title">
      <h1 id="events-title">Events</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filters">
        <div className="field">
          <label htmlFor="e-type">Type</label>
          <select id="e-type" value={filter.value('type')} onChange={(e) => set('type', e.target.value)}>
            <option value="">Any</option>
            {catalog.data?.data.map((t) => (
              <option key={t.type} value={t.type}>
                {t.type}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="e-after">From</label>
          <input id="e-after" type="datetime-local" value={filter.value('created_after')} onChange={(e) => set('created_after', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="e-before">Until</label>
          <input id="e-before" type="datetime-local" value={filter.value('created_before')} onChange={(e) => set('created_before', e.target.value)} />
        </div>
      </form>
      {events.isPending ? <Loading what="events" /> : null}
      {events.error ? <ErrorState error={events.error} /> : null}
      {events.data && events.data.data.length === 0 ? <Empty>No events match.</Empty> : null}
      {events.data && events.data.data.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">Events, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Type</th>
                <th scope="col">Time</th>
              </tr>
            </thead>
            <tbody>
              {events.data.data.map((e) => (
                <tr key={e.id}>
                  <td>
                    <Link to={`/events/${e.id}`}>{e.id}</Link> {e.is_test ? <span className="badge muted">test</span> : null}
                  </td>
                  <td>
                    <code>{e.type}</code>
                  </td>
                  <td title={formatTime(e.time)}>{relativeTime(e.time)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {events.data ? <Pager next={events.data.next_cursor} prev={events.data.prev_cursor} onPage={setCursor} /> : null}
    </section>
  );
}
