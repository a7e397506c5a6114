import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, idempotent } from '../api/client';
import { fieldErrors } from '../api/errors';
import { describedBy, Field } from '../ui/field';
import { Empty, ErrorState, Loading } from '../ui/states';

type Kind = 'email' | 'slack' | 'teams';
const TARGET_HINTS: Record<Kind, string> = {
  email: 'An email address; sent through the operator\'s SMTP server.',
  slack: 'A Slack (or Mattermost) incoming webhook URL.',
  teams: 'A Microsoft Teams incoming webhook URL.',
};

/** Where the organization is told about failing deliveries and disabled webhooks. */
export function NotificationChannels({ admin }: { admin: boolean }) {
  const queryClient = useQueryClient();
  const channels = useQuery({ queryKey: ['notification-channels'], queryFn: () => call(api.GET('/v1/notification-channels')) });
  const [form, setForm] = useState({ kind: 'email' as Kind, target: '', failing: '0' });
  const create = useMutation({
    mutationFn: () =>
      call(api.POST('/v1/notification-channels', { body: { kind: form.kind, target: form.target, failing_for_minutes: Number(form.failing) || 0 }, ...idempotent() })),
    onSuccess: () => {
      setForm({ ...form, target: '' });
      void queryClient.invalidateQueries({ queryKey: ['notification-channels'] });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => call(api.DELETE('/v1/notification-channels/{id}', { params: { path: { id } }, ...idempotent() })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notification-channels'] }),
  });
  const errors = fieldErrors(create.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <section className="card" aria-labelledby="channels-title">
      <h2 id="channels-title">Notification channels</h2>
      <p className="muted">Told when a delivery fails after its last retry or a webhook is disabled; each channel at most once per hour per webhook.</p>
      {channels.isPending ? <Loading what="notification channels" /> : null}
      {channels.error ? <ErrorState error={channels.error} /> : null}
      {channels.data && channels.data.data.length === 0 ? <Empty>No notification channels.</Empty> : null}
      {channels.data && channels.data.data.length > 0 ? (
        <ul aria-label="Notification channels">
          {channels.data.data.map((channel) => (
            <li key={channel.id}>
              {channel.kind}: <code>{channel.target}</code>
              {channel.failing_for_minutes > 0 ? ` (after ${channel.failing_for_minutes} min failing)` : null}{' '}
              {admin ? (
                <button type="button" className="link danger" onClick={() => remove.mutate(channel.id)}>
                  Remove<span className="sr-only"> {channel.kind} channel {channel.target}</span>
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {admin ? (
        <form className="filters" onSubmit={submit} aria-label="New notification channel" noValidate>
          <Field id="channel-kind" label="Channel" error={errors.kind}>
            <select id="channel-kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as Kind })}>
              <option value="email">email</option>
              <option value="slack">Slack</option>
              <option value="teams">Teams</option>
            </select>
          </Field>
          <Field id="channel-target" label="Address or URL" hint={TARGET_HINTS[form.kind]} error={errors.target}>
            <input id="channel-target" value={form.target} onChange={(e) => setForm({ ...form, target: e.target.value })} {...describedBy('channel-target', 'x', errors.target)} />
          </Field>
          <Field id="channel-failing" label="Only after failing for (minutes)" error={errors.failing_for_minutes}>
            <input id="channel-failing" type="number" min={0} value={form.failing} onChange={(e) => setForm({ ...form, failing: e.target.value })} />
          </Field>
          <button type="submit" disabled={create.isPending}>
            Add channel
          </button>
        </form>
      ) : null}
      {create.error && Object.keys(errors).length === 0 ? <ErrorState error={create.error} /> : null}
      {remove.error ? <ErrorState error={remove.error} /> : null}
    </section>
  );
}
