import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';
import { formatTime, relativeTime } from '../ui/format';
import { Pager } from '../ui/pager';
import { Empty, ErrorState, Loading } from '../ui/states';
import { useCatalog } from '../api/use-catalog';

export function EventListPage() {
  const [params, setParams] = useSearchParams();
  const [cursor, setCursor] = useState<string | undefined>();
  const catalog = useCatalog();
  const query = {
    limit: 25,
    cursor,
    ...(params.get('type') ? { type: params.get('type')! } : {}),
    ...(params.get('created_after') ? { created_after: new Date(params.get('created_after')!).toISOString() } : {}),
    ...(params.get('created_before') ? { created_before: new Date(params.get('created_before')!).toISOString() } : {}),
  };
  const events = useQuery({ queryKey: ['events', query], queryFn: () => call(api.GET('/v1/events', { params: { query } })) });
  const set = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setCursor(undefined);
    setParams(next, { replace: true });
  };
  return (
    <section aria-labelledby="events-title">
      <h1 id="events-title">Events</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filters">
        <div className="field">
          <label htmlFor="e-type">Type</label>
          <select id="e-type" value={params.get('type') ?? ''} onChange={(e) => set('type', e.target.value)}>
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
          <input id="e-after" type="datetime-local" value={params.get('created_after') ?? ''} onChange={(e) => set('created_after', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="e-before">Until</label>
          <input id="e-before" type="datetime-local" value={params.get('created_before') ?? ''} onChange={(e) => set('created_before', e.target.value)} />
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
