import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';
import { StatusBadge } from '../ui/badge';
import { formatTime, relativeTime } from '../ui/format';
import { Pager } from '../ui/pager';
import { Empty, ErrorState, Loading } from '../ui/states';

export interface DeliveryFilters {
  webhook_id?: string;
  status?: 'pending' | 'delivered' | 'failed';
  event_type?: string;
  created_after?: string;
  created_before?: string;
  is_test?: 'true' | 'false';
}

/** Deliveries newest first, cursor paged, refreshed every 3 s unless paused. */
export function DeliveryTable({ filters, showWebhook = true, eventId }: { filters: DeliveryFilters; showWebhook?: boolean; eventId?: string }) {
  const [cursor, setCursor] = useState<string | undefined>();
  const [live, setLive] = useState(true);
  const query = { ...filters, limit: 25, cursor };
  const deliveries = useQuery({
    queryKey: ['deliveries', query],
    queryFn: () => call(api.GET('/v1/webhooks/events', { params: { query } })),
    refetchInterval: live && !cursor ? 3000 : false,
  });

  const rows = deliveries.data?.data.filter((d) => !eventId || d.event_id === eventId);
  return (
    <div className="deliveries">
      <div className="toolbar">
        <button type="button" className="secondary small" aria-pressed={!live} onClick={() => setLive((v) => !v)}>
          {live ? 'Pause auto-refresh' : 'Resume auto-refresh'}
        </button>
        <span className="muted" aria-live="polite">
          {live && !cursor ? 'Refreshing every 3 s' : 'Auto-refresh paused'}
        </span>
      </div>
      {deliveries.isPending ? <Loading what="deliveries" /> : null}
      {deliveries.error ? <ErrorState error={deliveries.error} /> : null}
      {rows && rows.length === 0 ? <Empty>No deliveries match.</Empty> : null}
      {rows && rows.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">Deliveries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Delivery</th>
                <th scope="col">Event type</th>
                {showWebhook ? <th scope="col">Webhook</th> : null}
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Response</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <tr key={d.id}>
                  <td>
                    <Link to={`/deliveries/${d.id}`}>{d.id}</Link> {d.is_test ? <span className="badge muted">test</span> : null}
                  </td>
                  <td>
                    <code>{d.event_type}</code>
                  </td>
                  {showWebhook ? (
                    <td>
                      <Link to={`/webhooks/${d.webhook_id}`}>{d.webhook_id}</Link>
                    </td>
                  ) : null}
                  <td>
                    <StatusBadge status={d.status} />
                  </td>
                  <td>{d.attempt_count}</td>
                  <td>{d.response_status ?? '—'}</td>
                  <td title={formatTime(d.created_at)}>{relativeTime(d.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {deliveries.data ? <Pager next={deliveries.data.next_cursor} prev={deliveries.data.prev_cursor} onPage={setCursor} /> : null}
    </div>
  );
}
