import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';
import { storedKey } from '../api/session';
import { formatTime } from '../ui/format';
import { Pager } from '../ui/pager';
import { useUrlFilters } from '../ui/use-url-filters';
import { describeError, Empty, ErrorState, Loading } from '../ui/states';

const FILTERS = [
  ['actor', 'Actor (key id or owner)'],
  ['action', 'Action'],
  ['resource_id', 'Resource id'],
] as const;

export function AuditLogPage() {
  const [cursor, setCursor] = useState<string | undefined>();
  // A changed filter starts again from the first page.
  const filter = useUrlFilters(() => setCursor(undefined));
  const [exportError, setExportError] = useState<string | null>(null);
  const query: Record<string, string | number> = { limit: 25, ...filter.query([...FILTERS.map(([name]) => name), 'created_after', 'created_before']) };
  if (cursor) query.cursor = cursor;
  const records = useQuery({ queryKey: ['audit', query], queryFn: () => call(api.GET('/v1/audit-logs', { params: { query: query as never } })) });
  const verify = useMutation({ mutationFn: () => call(api.GET('/v1/audit-logs/verify')) });
  const set = filter.set;

  /** NDJSON export: fetched with the key (never put in a URL), saved through a blob link. */
  async function exportRecords() {
    setExportError(null);
    const search = new URLSearchParams();
    if (query.created_after) search.set('created_after', String(query.created_after));
    if (query.created_before) search.set('created_before', String(query.created_before));
    try {
      const res = await fetch(`/v1/audit-logs/export?${search}`, { headers: { authorization: `Bearer ${storedKey()}` } });
      if (!res.ok) throw new Error(`Export failed (${res.status}).`);
      const url = URL.createObjectURL(await res.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = `audit-log-${new Date().toISOString().slice(0, 19)}.ndjson`;
      link.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      setExportError(describeError(error));
    }
  }

  return (
    <section aria-labelledby="audit-title">
      <div className="page-head">
        <h1 id="audit-title">Audit log</h1>
        <div className="actions">
          <button type="button" className="secondary" onClick={() => verify.mutate()} disabled={verify.isPending}>
            Verify chain
          </button>
          <button type="button" className="secondary" onClick={exportRecords}>
            Export NDJSON
          </button>
        </div>
      </div>
      {verify.data ? (
        <p className={verify.data.valid ? 'notice' : 'warning'} role="status" data-testid="verify-result">
          {verify.data.valid
            ? `Chain intact: ${verify.data.records} records verified.`
            : `Chain broken at record ${verify.data.broken?.sequence ?? '?'}: ${verify.data.broken?.message ?? verify.data.broken?.reason ?? ''}`}
        </p>
      ) : null}
      {verify.error ? <ErrorState error={verify.error} /> : null}
      {exportError ? <p className="field-error" role="alert">{exportError}</p> : null}
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filters">
        {FILTERS.map(([name, label]) => (
          <div className="field" key={name}>
            <label htmlFor={`a-${name}`}>{label}</label>
            <input id={`a-${name}`} defaultValue={filter.value(name)} onBlur={(e) => set(name, e.target.value.trim())} onKeyDown={(e) => e.key === 'Enter' && set(name, (e.target as HTMLInputElement).value.trim())} />
          </div>
        ))}
        <div className="field">
          <label htmlFor="a-after">From</label>
          <input id="a-after" type="datetime-local" value={filter.value('created_after')} onChange={(e) => set('created_after', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="a-before">Until</label>
          <input id="a-before" type="datetime-local" value={filter.value('created_before')} onChange={(e) => set('created_before', e.target.value)} />
        </div>
      </form>
      {records.isPending ? <Loading what="audit records" /> : null}
      {records.error ? <ErrorState error={records.error} /> : null}
      {records.data && records.data.data.length === 0 ? <Empty>No audit records match.</Empty> : null}
      {records.data && records.data.data.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">Audit records, newest first</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Time</th>
                <th scope="col">Actor</th>
                <th scope="col">Action</th>
                <th scope="col">Resource</th>
                <th scope="col">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {records.data.data.map((r) => (
                <tr key={r.id}>
                  <td>{r.sequence}</td>
                  <td>{formatTime(r.created_at)}</td>
                  <td>
                    {r.actor.owner ?? r.actor.kind} <span className="muted">{r.actor.key_id ?? ''}</span>
                  </td>
                  <td>
                    <code>{r.action}</code>
                  </td>
                  <td>{r.resource_id ?? '—'}</td>
                  <td>{r.outcome ?? (r.kind === 'change' ? 'change' : '—')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {records.data ? <Pager next={records.data.next_cursor} prev={records.data.prev_cursor} onPage={setCursor} /> : null}
    </section>
  );
}
