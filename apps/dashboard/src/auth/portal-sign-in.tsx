import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { api, call } from '../api/client';
import { describeError } from '../ui/states';
import { forgetKey, storedKey, storeKey } from '../api/session';

/** The token of a portal link, read once (before the address bar is wiped). */
const linkToken = () => new URLSearchParams(window.location.hash.slice(1)).get('token');

/**
 * Opens a portal session: the token arrives in the URL fragment (`/portal#token=…`, which
 * browsers never send to a server), moves to sessionStorage and is wiped from the address bar.
 * A tab already signed in with another key asks first: a link someone else made must not quietly
 * swap the key this tab acts with (login CSRF).
 */
export function PortalSignIn() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [token] = useState(linkToken);
  const [replacing] = useState(() => {
    const current = storedKey();
    return current !== null && current !== token;
  });
  const [confirmed, setConfirmed] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const open = useCallback(
    (session: string) => {
      forgetKey();
      storeKey(session);
      queryClient.clear();
      call(api.GET('/v1/session'))
        .then(() => navigate('/', { replace: true }))
        .catch((e) => {
          forgetKey();
          setError(describeError(e));
        });
    },
    [navigate, queryClient],
  );

  useEffect(() => {
    window.history.replaceState(null, '', '/portal');
    if (!token) setError('This portal link has no session token.');
    else if (!replacing || confirmed) open(token);
  }, [token, replacing, confirmed, open]);

  if (token && replacing && !confirmed && !error) {
    return (
      <main className="sign-in">
        <div role="alertdialog" aria-labelledby="portal-replace-title" aria-describedby="portal-replace-text">
          <h1 id="portal-replace-title">Open this portal link?</h1>
          <p id="portal-replace-text">
            This tab is already signed in. The link signs it in to another session instead, and everything you do here afterwards acts as that session. Open it
            only if you asked for this link.
          </p>
          <div className="actions">
            <button type="button" onClick={() => navigate('/', { replace: true })}>
              Stay signed in
            </button>
            <button type="button" className="danger" onClick={() => setConfirmed(true)}>
              Open the linked session
            </button>
          </div>
        </div>
      </main>
    );
  }
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
