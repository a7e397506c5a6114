import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, idempotent } from '../api/client';
import { fieldErrors } from '../api/errors';
import { StatusBadge } from '../ui/badge';
import { CopyButton } from '../ui/copy-button';
import { Dialog } from '../ui/dialog';
import { describedBy, Field } from '../ui/field';
import { formatTime } from '../ui/format';
import { Empty, ErrorState, Loading } from '../ui/states';

export function ApiKeysPage() {
  const queryClient = useQueryClient();
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: () => call(api.GET('/v1/api-keys', { params: { query: { limit: 100 } } })) });
  const [form, setForm] = useState({ name: '', owner: '', role: 'developer' as 'admin' | 'developer' | 'viewer' });
  const [shown, setShown] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: async () => {
      const data = await call(api.POST('/v1/api-keys', { body: { role: form.role, owner: form.owner, ...(form.name ? { name: form.name } : {}) }, ...idempotent() }));
      return data as { key?: string; approval?: unknown };
    },
    onSuccess: (data) => {
      if (data.key) setShown(data.key);
      setForm({ name: '', owner: '', role: 'developer' });
      void queryClient.invalidateQueries({ queryKey: ['api-keys'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => call(api.DELETE('/v1/api-keys/{id}', { params: { path: { id } }, ...idempotent() })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['api-keys'] }),
  });
  const errors = fieldErrors(create.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <section aria-labelledby="keys-title">
      <h1 id="keys-title">API keys</h1>
      <form className="card filters" onSubmit={submit} aria-labelledby="new-key-title" noValidate>
        <h2 id="new-key-title" className="sr-only">
          New API key
        </h2>
        <Field id="key-owner" label="Owner" hint="Who holds it (approvals compare owners)." error={errors.owner}>
          <input id="key-owner" value={form.owner} onChange={(e) => setForm({ ...form, owner: e.target.value })} {...describedBy('key-owner', 'x', errors.owner)} />
        </Field>
        <Field id="key-name" label="Name (optional)" error={errors.name}>
          <input id="key-name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </Field>
        <Field id="key-role" label="Role" error={errors.role}>
          <select id="key-role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as typeof form.role })}>
            <option value="viewer">viewer</option>
            <option value="developer">developer</option>
            <option value="admin">admin</option>
          </select>
        </Field>
        <button type="submit" disabled={create.isPending}>
          Create key
        </button>
      </form>
      {create.error && Object.keys(errors).length === 0 ? <ErrorState error={create.error} /> : null}
      {revoke.error ? <ErrorState error={revoke.error} /> : null}
      {keys.isPending ? <Loading what="API keys" /> : null}
      {keys.error ? <ErrorState error={keys.error} /> : null}
      {keys.data && keys.data.data.length === 0 ? <Empty>No API keys.</Empty> : null}
      {keys.data && keys.data.data.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">API keys</caption>
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Owner</th>
                <th scope="col">Created</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.data.data.map((k) => (
                <tr key={k.id}>
                  <td>
                    <code>{k.prefix}…</code>
                  </td>
                  <td>{k.name ?? '—'}</td>
                  <td>{k.role}</td>
                  <td>{k.owner}</td>
                  <td>{formatTime(k.created_at)}</td>
                  <td>{k.revoked_at ? <StatusBadge status="revoked" /> : <StatusBadge status="active" />}</td>
                  <td>
                    {k.revoked_at ? null : (
                      <button
                        type="button"
                        className="link danger"
                        onClick={() => {
                          if (window.confirm(`Revoke ${k.prefix}…? Calls with it fail within a second.`)) revoke.mutate(k.id);
                        }}
                      >
                        Revoke<span className="sr-only"> {k.prefix}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Dialog title="Your new API key" open={shown !== null} onClose={() => setShown(null)}>
        <p className="warning">
          <strong>Copy it now: you will not see this key again.</strong>
        </p>
        <div className="secret">
          <code data-testid="new-api-key">{shown}</code>
          <CopyButton text={shown ?? ''} />
        </div>
        <div className="actions">
          <button type="button" onClick={() => setShown(null)}>
            I have stored it
          </button>
        </div>
      </Dialog>
    </section>
  );
}
