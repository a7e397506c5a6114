import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';
import { StatusBadge } from '../ui/badge';
import { formatTime } from '../ui/format';
import { ErrorState, Loading } from '../ui/states';

export function WebhookApprovals({ webhookId }: { webhookId: string }) {
  const approvals = useQuery({ queryKey: ['approvals', webhookId], queryFn: () => call(api.GET('/v1/webhooks/{id}/approvals', { params: { path: { id: webhookId } } })) });
  return (
    <div aria-labelledby="approval-history">
      <h2 id="approval-history">Approval history</h2>
      {approvals.isPending ? <Loading what="approvals" /> : null}
      {approvals.error ? <ErrorState error={approvals.error} /> : null}
      {approvals.data && approvals.data.data.length === 0 ? <p className="muted">No approval requests for this webhook.</p> : null}
      {approvals.data && approvals.data.data.length > 0 ? (
        <ul className="plain">
          {approvals.data.data.map((a) => (
            <li key={a.id}>
              <StatusBadge status={a.status} /> {a.action} requested by <code>{a.requested_by}</code> {formatTime(a.created_at)}
              {a.decided_by ? (
                <>
                  {' '}
                  · decided by <code>{a.decided_by}</code>
                </>
              ) : null}
              {a.status === 'pending' ? <Link to="/approvals"> · open inbox</Link> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
