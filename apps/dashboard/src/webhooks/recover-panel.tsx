import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { api, call, idempotent } from '../api/client';
import { ErrorState } from '../ui/states';

/** Re-queues every failed delivery of the webhook created in [since, until). */
export function RecoverPanel({ webhookId }: { webhookId: string }) {
  const [since, setSince] = useState('');
  const [until, setUntil] = useState('');
  const recover = useMutation({
    mutationFn: () =>
      call(
        api.POST('/v1/webhooks/{id}/recover', {
          params: { path: { id: webhookId } },
          body: { since: new Date(since).toISOString(), ...(until ? { until: new Date(until).toISOString() } : {}) },
          ...idempotent(),
        }),
      ),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    recover.mutate();
  };
  return (
    <details className="card">
      <summary>Recover failed deliveries</summary>
      <form onSubmit={submit} className="filters">
        <div className="field">
          <label htmlFor="recover-since">Failed since</label>
          <input id="recover-since" type="datetime-local" required value={since} onChange={(e) => setSince(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="recover-until">Until (optional)</label>
          <input id="recover-until" type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} />
        </div>
        <button type="submit" disabled={!since || recover.isPending}>
          Re-queue failed deliveries
        </button>
      </form>
      {recover.data ? (
        <p className="notice" role="status">
          Recovery queued: failed deliveries of that range are being sent again.
        </p>
      ) : null}
      {recover.error ? <ErrorState error={recover.error} /> : null}
    </details>
  );
}
