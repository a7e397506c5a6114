import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { api, call } from '../api/client';
import { describeError } from '../ui/states';
import { forgetKey, storeKey } from '../api/session';

export function SignIn() {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    storeKey(key.trim());
    try {
      await call(api.GET('/v1/session'));
      queryClient.clear();
      navigate('/webhooks', { replace: true });
    } catch (e) {
      forgetKey();
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <form onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in to Hookline</h1>
        <p>Use an API key of your organization. It stays in this browser tab only and is forgotten when the tab closes.</p>
        <label htmlFor="api-key">API key</label>
        <input id="api-key" type="password" autoComplete="off" spellCheck={false} placeholder="hk_…" value={key} onChange={(e) => setKey(e.target.value)} required aria-describedby={error ? 'sign-in-error' : undefined} />
        {error ? (
          <p id="sign-in-error" className="field-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" disabled={busy || key.trim() === ''}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
