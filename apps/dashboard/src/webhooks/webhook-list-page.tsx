import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, callWithStatus, idempotent } from '../api/client';
import { useSession } from '../auth/use-session';
import type { Webhook } from '../api/types';
import { StatusBadge } from '../ui/badge';
import { formatTime, relativeTime } from '../ui/format';
import { Empty, ErrorState, Loading } from '../ui/states';
import { Sparkline } from '../stats/sparkline';

const ORG_LIMIT = 10;

export function WebhookListPage() {
  const session = useSession();
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const webhooks = useQuery({ queryKey: ['webhooks'], queryFn: () => call(api.GET('/v1/webhooks', { params: { query: { limit: 100 } } })) });
  const remove = useMutation({
    mutationFn: async (webhook: Webhook) => {
      const { status } = await callWithStatus(api.DELETE('/v1/webhooks/{id}', { params: { path: { id: webhook.id } }, ...idempotent() }));
      return { webhook, approval: status === 202 };
    },
    onSuccess: ({ webhook, approval }) => {
      setNotice(approval ? `Deleting ${webhook.name} was submitted for approval.` : `${webhook.name} was deleted.`);
      void queryClient.invalidateQueries({ queryKey: ['webhooks'] });
    },
    onError: (error) => setNotice(error.message),
  });

  const live = webhooks.data?.data.filter((w) => w.status !== 'deleted') ?? [];
  return (
    <section aria-labelledby="webhooks-title">
      <div className="page-head">
        <h1 id="webhooks-title">Webhooks</h1>
        {session.can('developer') ? (
          <Link className="button" to="/webhooks/new">
            New webhook
          </Link>
        ) : null}
      </div>
      {webhooks.data ? (
        <p className="muted">
          {live.length} of {ORG_LIMIT} webhooks used.
        </p>
      ) : null}
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {webhooks.isPending ? <Loading what="webhooks" /> : null}
      {webhooks.error ? <ErrorState error={webhooks.error} /> : null}
      {webhooks.data && live.length === 0 ? (
        <Empty>
          <p>No webhooks yet. A webhook is an HTTPS endpoint of yours that receives the events you pick, signed.</p>
          {session.can('developer') ? <Link to="/webhooks/new">Create your first webhook</Link> : null}
        </Empty>
      ) : null}
      {live.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">Webhooks of your organization</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">URL</th>
                <th scope="col">Auth</th>
                <th scope="col">Status</th>
                <th scope="col">Events</th>
                <th scope="col">Rate</th>
                <th scope="col">Last 24 h</th>
                <th scope="col">Last delivery</th>
                <th scope="col">Updated</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {live.map((w) => (
                <tr key={w.id}>
                  <td>
                    <Link to={`/webhooks/${w.id}`}>{w.name}</Link>
                  </td>
                  <td className="url" title={w.url}>
                    {w.url}
                  </td>
                  <td>{w.auth_type}</td>
                  <td>
                    <StatusBadge status={w.status} />
                  </td>
                  <td>{w.event_types ? w.event_types.length : 'all'}</td>
                  <td>{w.rate_limit_rps}/s</td>
                  <td>
                    <Sparkline webhookId={w.id} />
                  </td>
                  <td title={formatTime(w.last_triggered_at)}>{relativeTime(w.last_triggered_at)}</td>
                  <td title={`Created ${formatTime(w.created_at)}, updated ${formatTime(w.updated_at)}`}>{relativeTime(w.updated_at)}</td>
                  <td>
                    <div className="row-actions">
                    <Link to={`/webhooks/${w.id}`}>View</Link>
                    {session.can('developer') ? <Link to={`/webhooks/${w.id}#test`}>Test</Link> : null}
                    {session.can('developer') ? (
                      <button
                        type="button"
                        className="link danger"
                        onClick={() => {
                          if (window.confirm(`Delete ${w.name}? Nothing more is sent to it.`)) remove.mutate(w);
                        }}
                      >
                        Delete<span className="sr-only"> {w.name}</span>
                      </button>
                    ) : null}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
