import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, idempotent } from '../api/client';
import { useSession } from '../auth/use-session';
import type { Attempt } from '../api/types';
import { StatusBadge } from '../ui/badge';
import { formatTime, prettyJson } from '../ui/format';
import { ErrorState, Loading } from '../ui/states';

export function DeliveryDetailPage() {
  const { id = '' } = useParams();
  const session = useSession();
  const queryClient = useQueryClient();
  const delivery = useQuery({
    queryKey: ['deliveries', 'one', id],
    queryFn: () => call(api.GET('/v1/webhooks/events/{id}', { params: { path: { id } } })),
    refetchInterval: (q) => (q.state.data?.status === 'pending' ? 2000 : false),
  });
  const event = useQuery({
    queryKey: ['event', delivery.data?.event_id],
    enabled: !!delivery.data,
    queryFn: () => call(api.GET('/v1/events/{id}', { params: { path: { id: delivery.data!.event_id } } })),
  });
  const retry = useMutation({
    mutationFn: () => call(api.POST('/v1/webhooks/events/{id}/retry', { params: { path: { id } }, ...idempotent() })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['deliveries'] }),
  });

  if (delivery.isPending) return <Loading what="the delivery" />;
  if (delivery.error) return <ErrorState error={delivery.error} />;
  const d = delivery.data;
  return (
    <section aria-labelledby="delivery-title">
      <p className="crumbs">
        <Link to="/deliveries">Deliveries</Link> / <Link to={`/webhooks/${d.webhook_id}`}>{d.webhook_id}</Link>
      </p>
      <div className="page-head">
        <h1 id="delivery-title">
          Delivery <code>{d.id}</code>
        </h1>
        <StatusBadge status={d.status} />
        {session.can('developer') ? (
          <button type="button" onClick={() => retry.mutate()} disabled={retry.isPending}>
            {retry.isPending ? 'Queuing…' : 'Retry'}
          </button>
        ) : null}
      </div>
      {retry.data ? (
        <p className="notice" role="status">
          Retry queued.
        </p>
      ) : null}
      {retry.error ? <ErrorState error={retry.error} /> : null}
      <dl className="facts">
        <dt>Event</dt>
        <dd>
          <Link to={`/events/${d.event_id}`}>{d.event_id}</Link> <code>{d.event_type}</code> {d.is_test ? <span className="badge muted">test</span> : null}
        </dd>
        <dt>Created</dt>
        <dd>{formatTime(d.created_at)}</dd>
        <dt>Attempts</dt>
        <dd>{d.attempt_count}</dd>
        <dt>Next attempt</dt>
        <dd>{formatTime(d.next_attempt_at)}</dd>
      </dl>
      <h2>Payload sent</h2>
      {event.isPending ? <Loading what="the event" /> : event.error ? <ErrorState error={event.error} /> : <pre className="payload">{prettyJson(event.data)}</pre>}
      <h2>Attempts</h2>
      {d.attempts.length === 0 ? <p className="muted">No attempt yet.</p> : null}
      <ol className="attempts">
        {d.attempts.map((a) => (
          <AttemptItem key={a.id} attempt={a} />
        ))}
      </ol>
    </section>
  );
}

function AttemptItem({ attempt: a }: { attempt: Attempt }) {
  const ok = a.error === null;
  return (
    <li className={`attempt ${ok ? 'ok' : 'bad'}`} data-testid="attempt">
      <div className="attempt-head">
        <strong>#{a.number}</strong>
        <StatusBadge status={ok ? 'delivered' : 'failed'} />
        <span>HTTP {a.response_status ?? '—'}</span>
        <span>{a.duration_ms} ms</span>
        <span className="muted">{formatTime(a.started_at)}</span>
      </div>
      {a.error ? (
        <p className="field-error">
          {a.error.class}: {a.error.message}
        </p>
      ) : null}
      <details>
        <summary>Response headers and body</summary>
        <pre>{Object.entries(a.response_headers).map(([k, v]) => `${k}: ${v}`).join('\n') || '(no headers)'}</pre>
        <pre>{a.response_body || '(empty body)'}</pre>
      </details>
    </li>
  );
}
