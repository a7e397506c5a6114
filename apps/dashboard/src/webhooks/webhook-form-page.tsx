import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, callWithStatus, idempotent } from '../api/client';
import { ApiError } from '../api/errors';
import type { Approval, CreatedWebhook, Webhook } from '../api/types';
import { describedBy, Field } from '../ui/field';
import { describeError, ErrorState, Loading } from '../ui/states';
import { EventTypePicker } from './event-type-picker';
import { FilterField } from './filter-field';
import { SecretDialog } from './secret-dialog';
import { useCatalog, useSettings } from '../api/use-catalog';
import { controlForParam, createBody, emptyWebhookForm, formFromWebhook, updateBody, type WebhookFormState } from './webhook-form';

export function NewWebhookPage() {
  return <WebhookFormPage />;
}

export function EditWebhookPage() {
  const { id = '' } = useParams();
  const webhook = useQuery({ queryKey: ['webhook', id], queryFn: () => call(api.GET('/v1/webhooks/{id}', { params: { path: { id } } })) });
  if (webhook.isPending) return <Loading what="the webhook" />;
  if (webhook.error) return <ErrorState error={webhook.error} />;
  return <WebhookFormPage webhook={webhook.data} />;
}

type Outcome = { kind: 'created'; webhook: CreatedWebhook } | { kind: 'approval'; approval: Approval };

function WebhookFormPage({ webhook }: { webhook?: Webhook }) {
  const initial = useMemo(() => (webhook ? formFromWebhook(webhook) : emptyWebhookForm), [webhook]);
  const [form, setForm] = useState<WebhookFormState>(initial);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const catalog = useCatalog();
  const settings = useSettings();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const needsApproval = webhook ? settings.data?.approvals.update : settings.data?.approvals.create;

  const save = useMutation({
    mutationFn: async (): Promise<Outcome | Webhook> => {
      if (webhook) {
        const { data, status } = await callWithStatus(api.PATCH('/v1/webhooks/{id}', { params: { path: { id: webhook.id } }, body: updateBody(initial, form), ...idempotent() }));
        return status === 202 ? { kind: 'approval', approval: data as unknown as Approval } : (data as Webhook);
      }
      const { data, status } = await callWithStatus(api.POST('/v1/webhooks', { body: createBody(form), ...idempotent() }));
      return status === 202 ? { kind: 'approval', approval: data as unknown as Approval } : { kind: 'created', webhook: data as CreatedWebhook };
    },
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: ['webhooks'] });
      await queryClient.invalidateQueries({ queryKey: ['webhook'] });
      if ('kind' in result) setOutcome(result);
      else navigate(`/webhooks/${result.id}`);
    },
  });

  const apiError = save.error instanceof ApiError ? save.error : null;
  const errorControl = apiError?.body.param ? controlForParam(apiError.body.param) : undefined;
  const errorFor = (control: keyof WebhookFormState) => (errorControl === control ? apiError?.body.message : undefined);
  const set = <K extends keyof WebhookFormState>(key: K) => (value: WebhookFormState[K]) => setForm((f) => ({ ...f, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  const text = (key: keyof WebhookFormState, label: string, props: { hint?: string; type?: string; required?: boolean; placeholder?: string; autoComplete?: string } = {}) => (
    <Field id={key} label={label} hint={props.hint} error={errorFor(key)}>
      <input
        id={key}
        name={key}
        type={props.type ?? 'text'}
        value={form[key] as string}
        required={props.required}
        placeholder={props.placeholder}
        autoComplete={props.autoComplete ?? 'off'}
        onChange={(e) => set(key)(e.target.value as never)}
        {...describedBy(key, props.hint, errorFor(key))}
      />
    </Field>
  );
  const select = (key: keyof WebhookFormState, label: string, options: [string, string][], hint?: string): ReactNode => (
    <Field id={key} label={label} hint={hint} error={errorFor(key)}>
      <select id={key} name={key} value={form[key] as string} onChange={(e) => set(key)(e.target.value as never)} {...describedBy(key, hint, errorFor(key))}>
        {options.map(([value, name]) => (
          <option key={value} value={value}>
            {name}
          </option>
        ))}
      </select>
    </Field>
  );
  const keep = webhook ? 'Leave blank to keep the stored value.' : undefined;

  return (
    <section aria-labelledby="form-title">
      <p className="crumbs">
        <Link to="/webhooks">Webhooks</Link> {webhook ? <>/ <Link to={`/webhooks/${webhook.id}`}>{webhook.name}</Link></> : null}
      </p>
      <h1 id="form-title">{webhook ? `Edit ${webhook.name}` : 'New webhook'}</h1>
      <form className="webhook-form" onSubmit={submit} noValidate>
        <div className="form-section">
          <h2>Endpoint</h2>
          {text('name', 'Name', { hint: 'Unique in your organization, 5–100 characters.', required: true })}
          {text('description', 'Description', { hint: 'Optional, 5–100 characters.' })}
          {text('url', 'URL', { hint: 'https only; must resolve to a public address.', type: 'url', required: true })}
        </div>
        <div className="form-section">
          <h2>Events</h2>
          {catalog.isPending ? <Loading what="event types" /> : catalog.error ? <ErrorState error={catalog.error} /> : <EventTypePicker catalog={catalog.data.data} selected={form.eventTypes} onChange={set('eventTypes')} error={errorFor('eventTypes')} />}
          <FilterField value={form.filter} onChange={set('filter')} error={errorFor('filter')} />
        </div>
        <div className="form-section">
          <h2>Authentication to your endpoint</h2>
          {select('authType', 'Type', [
            ['none', 'None'],
            ['api_key', 'API key header'],
            ['basic', 'Basic'],
            ['oauth2', 'OAuth2 client credentials'],
          ])}
          {form.authType === 'api_key' ? (
            <>
              {text('headerName', 'Header name', { placeholder: 'x-api-key' })}
              {text('value', 'Header value', { type: 'password', hint: keep })}
            </>
          ) : null}
          {form.authType === 'basic' ? (
            <>
              {text('username', 'Username')}
              {text('password', 'Password', { type: 'password', hint: keep })}
            </>
          ) : null}
          {form.authType === 'oauth2' ? (
            <>
              {text('tokenUrl', 'Token URL', { type: 'url' })}
              {text('clientId', 'Client id')}
              {text('clientSecret', 'Client secret', { type: 'password', hint: keep })}
              {text('scope', 'Scope (optional)')}
              {text('audience', 'Audience (optional)')}
            </>
          ) : null}
        </div>
        <div className="form-section">
          <h2>Delivery</h2>
          <div className="row">
            {text('rateLimit', 'Rate limit (per second)', { type: 'number', hint: '1–100, default 10.' })}
            {text('timeout', 'Timeout (seconds)', { type: 'number', hint: '1–30, default 15.' })}
          </div>
          <div className="row">
            {select('payload', 'Payload', [
              ['full', 'Full (event data included)'],
              ['thin', 'Thin (fetch data by id)'],
            ])}
            {webhook
              ? null
              : select('signatureScheme', 'Signature scheme', [
                  ['hmac-sha256', 'HMAC-SHA256 (whsec_)'],
                  ['ed25519', 'Ed25519 (v1a)'],
                  ['ecdsa-p256', 'ECDSA P-256'],
                ])}
            {select('ordering', 'Ordering', [
              ['unordered', 'Unordered (fastest)'],
              ['fifo', 'FIFO (one at a time, in order)'],
            ])}
          </div>
          {text('retrySchedule', 'Retry schedule (seconds)', { hint: 'Delays after each failed attempt, e.g. "5, 300, 1800". Blank = platform default.' })}
        </div>
        {save.error && !errorControl ? <ErrorState error={save.error} /> : null}
        {save.error && errorControl ? (
          <p className="field-error" role="alert">
            {describeError(save.error)}
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : needsApproval ? 'Submit for approval' : webhook ? 'Save changes' : 'Create webhook'}
          </button>
          <Link className="button secondary" to={webhook ? `/webhooks/${webhook.id}` : '/webhooks'}>
            Cancel
          </Link>
        </div>
      </form>
      {outcome?.kind === 'created' ? (
        <SecretDialog webhook={outcome.webhook} secret={outcome.webhook.signing_secret} publicKey={outcome.webhook.public_key} onClose={() => navigate(`/webhooks/${outcome.webhook.id}`)} />
      ) : null}
      {outcome?.kind === 'approval' ? (
        <div className="notice" role="status">
          <p>
            Submitted for approval (<code>{outcome.approval.id}</code>). Another admin must approve it in the <Link to="/approvals">approvals inbox</Link>; it expires {new Date(outcome.approval.expires_at).toLocaleString()}.
          </p>
          <Link className="button" to={`/webhooks/${outcome.approval.webhook_id}`}>
            View webhook
          </Link>
        </div>
      ) : null}
    </section>
  );
}
