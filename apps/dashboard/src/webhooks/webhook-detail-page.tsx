import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, callWithStatus, idempotent } from '../api/client';
import { useSession } from '../auth/use-session';
import type { Webhook } from '../api/types';
import { DeliveryTable } from '../deliveries/delivery-table';
import { StatsPanel } from '../stats/stats-panel';
import { StatusBadge } from '../ui/badge';
import { CopyButton } from '../ui/copy-button';
import { formatTime } from '../ui/format';
import { ErrorState, Loading } from '../ui/states';
import { RecoverPanel } from './recover-panel';
import { SecretDialog } from './secret-dialog';
import { TestEventPanel } from './test-event-panel';
import { VerifySnippets } from './verify-snippets';
import { WebhookApprovals } from './webhook-approvals';

export function WebhookDetailPage() {
  const { id = '' } = useParams();
  const webhook = useQuery({ queryKey: ['webhook', id], queryFn: () => call(api.GET('/v1/webhooks/{id}', { params: { path: { id } } })) });
  if (webhook.isPending) return <Loading what="the webhook" />;
  if (webhook.error) return <ErrorState error={webhook.error} />;
  return <WebhookDetail webhook={webhook.data} />;
}

function WebhookDetail({ webhook: w }: { webhook: Webhook }) {
  const session = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [rotated, setRotated] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['webhook', w.id] });

  const setStatus = useMutation({
    mutationFn: async (status: 'active' | 'paused') => {
      return (await callWithStatus(api.PATCH('/v1/webhooks/{id}', { params: { path: { id: w.id } }, body: { status }, ...idempotent() }))).status;
    },
    onSuccess: (status) => {
      setNotice(status === 202 ? 'The change was submitted for approval.' : null);
      void refresh();
    },
  });
  const rotate = useMutation({
    mutationFn: () => call(api.POST('/v1/webhooks/{id}/rotate-secret', { params: { path: { id: w.id } }, ...idempotent() })),
    onSuccess: (result) => {
      setRotated(result.secret);
      void refresh();
    },
  });
  const remove = useMutation({
    mutationFn: async () => {
      return (await callWithStatus(api.DELETE('/v1/webhooks/{id}', { params: { path: { id: w.id } }, ...idempotent() }))).status;
    },
    onSuccess: async (status) => {
      await queryClient.invalidateQueries({ queryKey: ['webhooks'] });
      if (status === 202) setNotice('Deleting was submitted for approval.');
      else navigate('/webhooks');
    },
  });
  const error = setStatus.error ?? rotate.error ?? remove.error;
  const canChange = session.can('developer') && w.status !== 'deleted' && w.status !== 'pending_approval';

  return (
    <section aria-labelledby="webhook-title">
      <p className="crumbs">
        <Link to="/webhooks">Webhooks</Link>
      </p>
      <div className="page-head">
        <h1 id="webhook-title">{w.name}</h1>
        <StatusBadge status={w.status} />
        {canChange ? (
          <div className="actions">
            <Link className="button secondary" to={`/webhooks/${w.id}/edit`}>
              Edit
            </Link>
            {w.status === 'paused' ? (
              <button type="button" className="secondary" onClick={() => setStatus.mutate('active')}>
                Resume
              </button>
            ) : (
              <button type="button" className="secondary" onClick={() => setStatus.mutate('paused')}>
                Pause
              </button>
            )}
            <button
              type="button"
              className="secondary"
              onClick={() => {
                if (window.confirm('Rotate the signing secret? The old one keeps signing for 24 hours.')) rotate.mutate();
              }}
            >
              Rotate secret
            </button>
            <button
              type="button"
              className="danger"
              onClick={() => {
                if (window.confirm(`Delete ${w.name}? Nothing more is sent to it.`)) remove.mutate();
              }}
            >
              Delete
            </button>
          </div>
        ) : null}
      </div>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {error ? <ErrorState error={error} /> : null}
      {w.disabled_reason ? <p className="warning">Disabled: {w.disabled_reason}</p> : null}
      <dl className="facts">
        <dt>Id</dt>
        <dd>
          <code>{w.id}</code>
        </dd>
        <dt>URL</dt>
        <dd className="url">{w.url}</dd>
        {w.description ? (
          <>
            <dt>Description</dt>
            <dd>{w.description}</dd>
          </>
        ) : null}
        <dt>Event types</dt>
        <dd>{w.event_types ? w.event_types.map((t) => <code key={t}>{t} </code>) : 'every event type'}</dd>
        <dt>Payload filter</dt>
        <dd>{w.filter ? <pre className="filter">{JSON.stringify(w.filter, null, 2)}</pre> : 'none'}</dd>
        <dt>Authentication</dt>
        <dd>
          {w.auth_type}
          {w.auth?.header_name ? ` (${w.auth.header_name})` : ''}
          {w.auth?.token_url ? ` (${w.auth.token_url})` : ''}
        </dd>
        <dt>Rate limit</dt>
        <dd>{w.rate_limit_rps} per second</dd>
        <dt>Timeout</dt>
        <dd>{w.timeout_seconds} s</dd>
        <dt>Payload</dt>
        <dd>{w.payload}</dd>
        <dt>Ordering</dt>
        <dd>{w.ordering}</dd>
        <dt>Retry schedule</dt>
        <dd>{w.retry_schedule_seconds?.length ? w.retry_schedule_seconds.map((s) => `${s} s`).join(', ') : 'platform default'}</dd>
        <dt>Signature</dt>
        <dd>{w.signature_scheme}</dd>
        <dt>Last delivery</dt>
        <dd>{formatTime(w.last_triggered_at)}</dd>
        <dt>Created / updated</dt>
        <dd>
          {formatTime(w.created_at)} / {formatTime(w.updated_at)}
        </dd>
      </dl>
      {w.public_key ? (
        <div className="public-key">
          <h2>Public key</h2>
          <pre>{w.public_key}</pre>
          <CopyButton text={w.public_key} />
        </div>
      ) : null}
      <details className="verify">
        <summary>Verify signatures in your endpoint</summary>
        <VerifySnippets scheme={w.signature_scheme} />
      </details>
      {session.can('developer') && w.status !== 'deleted' ? (
        <div id="test" className="card">
          <TestEventPanel webhook={w} />
        </div>
      ) : null}
      {session.can('developer') && w.status !== 'deleted' ? <RecoverPanel webhookId={w.id} /> : null}
      <StatsPanel webhookId={w.id} />
      <h2>Deliveries</h2>
      <DeliveryTable filters={{ webhook_id: w.id }} showWebhook={false} />
      <WebhookApprovals webhookId={w.id} />
      {rotated ? <SecretDialog webhook={w} secret={rotated} onClose={() => setRotated(null)} /> : null}
    </section>
  );
}
