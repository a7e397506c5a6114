import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call, idempotent } from '../api/client';
import { useSession } from '../auth/use-session';
import { formatTime } from '../ui/format';
import { ErrorState, Loading } from '../ui/states';
import { useSettings } from '../api/use-catalog';
import { NotificationChannels } from './notification-channels';

const ACTIONS = [
  ['create', 'Creating a webhook'],
  ['update', 'Changing a webhook'],
  ['delete', 'Deleting a webhook'],
] as const;

export function SettingsPage() {
  const session = useSession();
  const settings = useSettings();
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: (approvals: { create?: boolean; update?: boolean; delete?: boolean }) => call(api.PATCH('/v1/settings', { body: { approvals }, ...idempotent() })),
    onSuccess: (data) => queryClient.setQueryData(['settings'], data),
  });
  const admin = session.can('admin');
  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      {settings.isPending ? <Loading what="settings" /> : null}
      {settings.error ? <ErrorState error={settings.error} /> : null}
      {settings.data ? (
        <fieldset className="card">
          <legend>Which actions need a second admin's approval</legend>
          {ACTIONS.map(([action, label]) => (
            <div key={action} className="check">
              <input
                id={`approve-${action}`}
                type="checkbox"
                checked={settings.data.approvals[action]}
                disabled={!admin || change.isPending}
                onChange={(e) => change.mutate({ [action]: e.target.checked })}
              />
              <label htmlFor={`approve-${action}`}>{label}</label>
            </div>
          ))}
          {!admin ? <p className="muted">Only an admin can change these.</p> : null}
          <p className="muted">Last changed {formatTime(settings.data.updated_at)}.</p>
        </fieldset>
      ) : null}
      {change.error ? <ErrorState error={change.error} /> : null}
      <NotificationChannels admin={admin} />
    </section>
  );
}
