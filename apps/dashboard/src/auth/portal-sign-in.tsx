import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { describeError } from '../ui/states';
import { forgetKey, storeKey, type PortalBranding } from './session';
import { api } from '../api/client';
import { toApiError } from '../api/errors';

/**
 * Opens a portal session: the token arrives in the URL fragment (`/portal#<token>`, never sent
 * to a server nor logged), moves to sessionStorage, and is wiped from the address bar.
 */
export function PortalSignIn() {
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const params = new URLSearchParams(window.location.hash.slice(1));
    const token = params.get('token');
    window.history.replaceState(null, '', '/portal');
    if (!token) {
      setError('This portal link has no session token.');
      return;
    }
    const branding: PortalBranding = {
      product_name: params.get('name') ?? undefined,
      logo_url: params.get('logo') ?? undefined,
      accent_color: params.get('accent') ?? undefined,
      features: params.get('features')?.split(',').filter(Boolean),
    };
    forgetKey();
    storeKey(token, branding);
    api
      .GET('/v1/session')
      .then(({ response, error: body }) => {
        if (!response.ok) throw toApiError(response.status, body);
        navigate('/webhooks', { replace: true });
      })
      .catch((e) => {
        forgetKey();
        setError(describeError(e));
      });
  }, [navigate]);
  return (
    <main className="sign-in">
      <div>
        <h1>Opening your dashboard…</h1>
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : (
          <p role="status">Checking your session.</p>
        )}
      </div>
    </main>
  );
}
