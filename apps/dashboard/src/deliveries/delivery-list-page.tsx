import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';
import { useCatalog } from '../api/use-catalog';
import { DeliveryTable, type DeliveryFilters } from './delivery-table';

const FILTERS = ['webhook_id', 'status', 'event_type', 'created_after', 'created_before', 'is_test'] as const;

/** All deliveries with filters kept in the URL, so a filtered view is a link. */
export function DeliveryListPage() {
  const [params, setParams] = useSearchParams();
  const catalog = useCatalog();
  const webhooks = useQuery({ queryKey: ['webhooks'], queryFn: () => call(api.GET('/v1/webhooks', { params: { query: { limit: 100 } } })) });
  const filters: DeliveryFilters = {};
  for (const name of FILTERS) {
    const value = params.get(name);
    if (value) (filters as Record<string, string>)[name] = name.startsWith('created_') ? new Date(value).toISOString() : value;
  }
  const set = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  return (
    <section aria-labelledby="deliveries-title">
      <h1 id="deliveries-title">Deliveries</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filters">
        <div className="field">
          <label htmlFor="f-status">Status</label>
          <select id="f-status" value={params.get('status') ?? ''} onChange={(e) => set('status', e.target.value)}>
            <option value="">Any</option>
            <option value="pending">Pending</option>
            <option value="delivered">Delivered</option>
            <option value="failed">Failed</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-webhook">Webhook</label>
          <select id="f-webhook" value={params.get('webhook_id') ?? ''} onChange={(e) => set('webhook_id', e.target.value)}>
            <option value="">Any</option>
            {webhooks.data?.data.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-type">Event type</label>
          <select id="f-type" value={params.get('event_type') ?? ''} onChange={(e) => set('event_type', e.target.value)}>
            <option value="">Any</option>
            {catalog.data?.data.map((t) => (
              <option key={t.type} value={t.type}>
                {t.type}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-after">From</label>
          <input id="f-after" type="datetime-local" value={params.get('created_after') ?? ''} onChange={(e) => set('created_after', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="f-before">Until</label>
          <input id="f-before" type="datetime-local" value={params.get('created_before') ?? ''} onChange={(e) => set('created_before', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="f-test">Live / test</label>
          <select id="f-test" value={params.get('is_test') ?? ''} onChange={(e) => set('is_test', e.target.value)}>
            <option value="">Both</option>
            <option value="false">Live</option>
            <option value="true">Test</option>
          </select>
        </div>
      </form>
      <DeliveryTable filters={filters} />
    </section>
  );
}
