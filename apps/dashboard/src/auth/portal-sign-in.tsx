import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { toApiError } from '../api/errors';
import { describeError } from '../ui/states';
import { forgetKey, storeKey } from './session';

/**
 * Opens a portal session: the token arrives in the URL fragment (`/portal#token=…`, which
 * browsers never send to a server), moves to sessionStorage and is wiped from the address bar.
 */
export function PortalSignIn() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const token = new URLSearchParams(window.location.hash.slice(1)).get('token');
    window.history.replaceState(null, '', '/portal');
    if (!token) {
      setError('This portal link has no session token.');
      return;
    }
    forgetKey();
    storeKey(token);
    queryClient.clear();
    api
      .GET('/v1/session')
      .then(({ response, error: body }) => {
        if (!response.ok) throw toApiError(response.status, body);
        navigate('/', { replace: true });
      })
      .catch((e) => {
        forgetKey();
        setError(describeError(e));
      });
  }, [navigate, queryClient]);
  return (
    <main className="sign-in">
      <div>
        <h1>Opening your dashboard…</h1>
        {error ? (
          <p className="field-error" role="alert">
            {error} Ask for a new link.
          </p>
        ) : (
          <p role="status">Checking your session.</p>
        )}
      </div>
    </main>
  );
}
