import { useEffect } from 'react';
import { NavLink, Navigate, Outlet, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/errors';
import { forgetKey, storedKey } from '../api/session';
import { useSession } from '../auth/use-session';
import { ErrorState, Loading } from '../ui/states';

const NAV = [
  { to: '/webhooks', label: 'Webhooks', feature: 'webhooks' },
  { to: '/deliveries', label: 'Deliveries', feature: 'deliveries' },
  { to: '/events', label: 'Events', feature: 'events' },
  { to: '/approvals', label: 'Approvals', feature: 'approvals' },
  { to: '/api-keys', label: 'API keys', feature: 'api_keys', admin: true },
  { to: '/audit-log', label: 'Audit log', feature: 'audit_log', admin: true },
  { to: '/settings', label: 'Settings', feature: 'settings' },
];

/** The signed-in frame: navigation, who is signed in, sign out; the screen in the middle. */
export function Shell() {
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const portal = session.portal;

  useEffect(() => {
    if (portal?.accent_color) document.documentElement.style.setProperty('--accent', portal.accent_color);
    else document.documentElement.style.removeProperty('--accent');
    document.title = portal?.product_name ?? 'Hookline';
  }, [portal?.accent_color, portal?.product_name]);

  if (!storedKey()) return <Navigate to="/sign-in" replace />;
  if (session.isPending) return <Loading what="your session" />;
  if (session.error) {
    if (session.error instanceof ApiError && session.error.status === 401) {
      // An expired or revoked key (or portal session): back to sign-in.
      forgetKey();
      return <Navigate to="/sign-in" replace />;
    }
    return <ErrorState error={session.error} />;
  }

  const signOut = () => {
    forgetKey();
    queryClient.clear();
    navigate('/sign-in', { replace: true });
  };

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="brand">
          {portal?.logo_url ? <img src={portal.logo_url} alt="" height={24} /> : <span className="logo" aria-hidden="true" />}
          <span>{portal?.product_name ?? 'Hookline'}</span>
        </div>
        <div className="who">
          <span>
            <span className="sr-only">Organization </span>
            <code>{session.data.organization_id}</code>
          </span>
          <span className="badge muted">{session.data.role}</span>
          <button type="button" className="secondary small" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <nav className="sidebar" aria-label="Main">
        <ul>
          {NAV.filter((item) => session.shows(item.feature) && (!item.admin || session.can('admin'))).map((item) => (
            <li key={item.to}>
              <NavLink to={item.to}>{item.label}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
