import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, idempotent } from '../api/client';
import { useSession } from '../auth/use-session';
import type { Approval } from '../api/types';
import { StatusBadge } from '../ui/badge';
import { formatTime } from '../ui/format';
import { Empty, ErrorState, Loading } from '../ui/states';
import { changeDiff } from './change-diff';

export function ApprovalsPage() {
  const approvals = useQuery({ queryKey: ['approvals', 'inbox'], queryFn: () => call(api.GET('/v1/approvals', { params: { query: { limit: 100 } } })), refetchInterval: 5000 });
  const pending = approvals.data?.data.filter((a) => a.status === 'pending') ?? [];
  const decided = approvals.data?.data.filter((a) => a.status !== 'pending') ?? [];
  return (
    <section aria-labelledby="approvals-title">
      <h1 id="approvals-title">Approvals</h1>
      <p className="muted">Changes that need a second admin. The one who asked cannot approve their own request.</p>
      {approvals.isPending ? <Loading what="approvals" /> : null}
      {approvals.error ? <ErrorState error={approvals.error} /> : null}
      {approvals.data && pending.length === 0 ? <Empty>Nothing waits for approval.</Empty> : null}
      {pending.map((a) => (
        <ApprovalCard key={a.id} approval={a} />
      ))}
      {decided.length > 0 ? (
        <>
          <h2>Decided</h2>
          <ul className="plain">
            {decided.map((a) => (
              <li key={a.id}>
                <StatusBadge status={a.status} /> {a.action} of <Link to={`/webhooks/${a.webhook_id}`}>{a.webhook_id}</Link> by <code>{a.requested_by}</code>
                {a.decided_by ? <> · decided by <code>{a.decided_by}</code></> : null} {a.reason ? `· “${a.reason}”` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function ApprovalCard({ approval: a }: { approval: Approval }) {
  const session = useSession();
  const queryClient = useQueryClient();
  // Key and settings approvals name no webhook: only a webhook change has a current state to diff.
  const webhookId = a.webhook_id;
  const webhook = useQuery({
    queryKey: ['webhook', webhookId],
    enabled: Boolean(webhookId),
    queryFn: () => call(api.GET('/v1/webhooks/{id}', { params: { path: { id: webhookId ?? '' } } })),
  });
  const decide = useMutation({
    mutationFn: async (decision: 'approve' | 'reject') => {
      if (decision === 'approve') return call(api.POST('/v1/approvals/{id}/approve', { params: { path: { id: a.id } }, ...idempotent() }));
      const reason = window.prompt('Why is it rejected?') ?? '';
      return call(api.POST('/v1/approvals/{id}/reject', { params: { path: { id: a.id } }, body: reason ? { reason } : {}, ...idempotent() }));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['approvals'] }),
  });
  const own = session.data?.owner === a.requested_by;
  const rows = changeDiff(a.change, webhook.data as Record<string, unknown> | undefined);
  return (
    <article className="card approval" aria-labelledby={`apr-${a.id}`}>
      <h2 id={`apr-${a.id}`}>
        {a.action}{' '}
        {webhookId ? <Link to={`/webhooks/${webhookId}`}>{webhook.data?.name ?? webhookId}</Link> : <code>{a.resource_type} {a.resource_id}</code>}
      </h2>
      <p className="muted">
        Requested by <code>{a.requested_by}</code> {formatTime(a.created_at)}; expires {formatTime(a.expires_at)}.
      </p>
      <table className="diff">
        <caption className="sr-only">Requested change</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Now</th>
            <th scope="col">Requested</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.field}>
              <th scope="row">{r.field}</th>
              <td className="before">{a.action === 'create' ? '—' : r.before}</td>
              <td className="after">{a.action === 'delete' ? '(deleted)' : r.after}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {decide.error ? <ErrorState error={decide.error} /> : null}
      {session.can('admin') ? (
        <div className="actions">
          <button type="button" onClick={() => decide.mutate('approve')} disabled={own || decide.isPending} aria-describedby={own ? `own-${a.id}` : undefined}>
            Approve
          </button>
          <button type="button" className="secondary" onClick={() => decide.mutate('reject')} disabled={decide.isPending}>
            Reject
          </button>
          {own ? (
            <small id={`own-${a.id}`} className="muted">
              You requested this change: another admin must approve it.
            </small>
          ) : null}
        </div>
      ) : (
        <p className="muted">Only an admin can decide.</p>
      )}
    </article>
  );
}
