import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call, idempotent } from '../api/client';
import type { Delivery, Webhook } from '../api/types';
import { ErrorState, Loading } from '../ui/states';
import { sampleFromSchema } from './sample-data';
import { useCatalog } from '../api/use-catalog';

/** Sends a test event (is_test: true, this webhook only) with editable sample data. */
export function TestEventPanel({ webhook }: { webhook: Webhook }) {
  const catalog = useCatalog();
  const queryClient = useQueryClient();
  const types = (catalog.data?.data ?? []).filter((t) => !webhook.event_types || webhook.event_types.includes(t.type));
  const [type, setType] = useState('');
  const [data, setData] = useState('{}');
  const [jsonError, setJsonError] = useState<string | null>(null);
  const chosen = types.find((t) => t.type === type) ?? types[0];

  useEffect(() => {
    if (chosen && type === '') {
      setType(chosen.type);
      setData(JSON.stringify(sampleFromSchema(chosen.schema), null, 2));
    }
  }, [chosen, type]);

  const send = useMutation({
    mutationFn: async () => {
      const body = await call(api.POST('/v1/webhooks/{id}/test', { params: { path: { id: webhook.id } }, body: { event_type: type, data: JSON.parse(data) }, ...idempotent() }));
      return body as Delivery;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['deliveries'] }),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    try {
      JSON.parse(data);
      setJsonError(null);
    } catch (e) {
      setJsonError(`The data is not valid JSON: ${(e as Error).message}`);
      return;
    }
    send.mutate();
  };

  if (catalog.isPending) return <Loading what="event types" />;
  if (catalog.error) return <ErrorState error={catalog.error} />;
  return (
    <form onSubmit={submit} className="test-event" aria-labelledby="test-title">
      <h2 id="test-title">Send a test event</h2>
      <div className="field">
        <label htmlFor="test-type">Event type</label>
        <select
          id="test-type"
          value={type}
          onChange={(e) => {
            setType(e.target.value);
            const t = types.find((x) => x.type === e.target.value);
            setData(JSON.stringify(sampleFromSchema(t?.schema), null, 2));
          }}
        >
          {types.map((t) => (
            <option key={t.type} value={t.type}>
              {t.type}
            </option>
          ))}
        </select>
      </div>
      <div className={`field${jsonError ? ' invalid' : ''}`}>
        <label htmlFor="test-data">Data (JSON)</label>
        <textarea id="test-data" rows={8} spellCheck={false} value={data} onChange={(e) => setData(e.target.value)} aria-invalid={jsonError ? true : undefined} aria-describedby={jsonError ? 'test-data-error' : undefined} />
        {jsonError ? (
          <small id="test-data-error" className="field-error" role="alert">
            {jsonError}
          </small>
        ) : null}
      </div>
      {send.error ? <ErrorState error={send.error} /> : null}
      <div className="actions">
        <button type="submit" disabled={send.isPending || !type}>
          {send.isPending ? 'Sending…' : 'Send test event'}
        </button>
        {send.data ? (
          <span role="status">
            Sent: <Link to={`/deliveries/${send.data.id}`}>{send.data.id}</Link>
          </span>
        ) : null}
      </div>
    </form>
  );
}
