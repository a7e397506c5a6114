import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';
import { useCatalog } from '../api/use-catalog';
import { useUrlFilters } from '../ui/use-url-filters';
import { DeliveryTable, type DeliveryFilters } from './delivery-table';

const FILTERS = ['webhook_id', 'status', 'event_type', 'created_after', 'created_before', 'is_test'] as const;

/** All deliveries with filters kept in the URL, so a filtered view is a link. */
export function DeliveryListPage() {
  const filter = useUrlFilters();
  const catalog = useCatalog();
  const webhooks = useQuery({ queryKey: ['webhooks'], queryFn: () => call(api.GET('/v1/webhooks', { params: { query: { limit: 100 } } })) });
  const filters = filter.query(FILTERS) as DeliveryFilters;
  const set = filter.set;

  return (
    <section aria-labelledby="deliveries-title">
      <h1 id="deliveries-title">Deliveries</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filters">
        <div className="field">
          <label htmlFor="f-status">Status</label>
          <select id="f-status" value={filter.value('status')} onChange={(e) => set('status', e.target.value)}>
            <option value="">Any</option>
            <option value="pending">Pending</option>
            <option value="delivered">Delivered</option>
            <option value="failed">Failed</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-webhook">Webhook</label>
          <select id="f-webhook" value={filter.value('webhook_id')} onChange={(e) => set('webhook_id', e.target.value)}>
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
          <select id="f-type" value={filter.value('event_type')} onChange={(e) => set('event_type', e.target.value)}>
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
          <input id="f-after" type="datetime-local" value={filter.value('created_after')} onChange={(e) => set('created_after', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="f-before">Until</label>
          <input id="f-before" type="datetime-local" value={filter.value('created_before')} onChange={(e) => set('created_before', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="f-test">Live / test</label>
          <select id="f-test" value={filter.value('is_test')} onChange={(e) => set('is_test', e.target.value)}>
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
