import { createBrowserRouter, Link, Navigate } from 'react-router';
import { ApiKeysPage } from './api-keys/api-keys-page';
import { ApprovalsPage } from './approvals/approvals-page';
import { AuditLogPage } from './audit/audit-log-page';
import { EventDetailPage } from './events/event-detail-page';
import { EventListPage } from './events/event-list-page';
import { PortalSignIn } from './auth/portal-sign-in';
import { SignIn } from './auth/sign-in';
import { useSession } from './auth/use-session';
import { DeliveryDetailPage } from './deliveries/delivery-detail-page';
import { DeliveryListPage } from './deliveries/delivery-list-page';
import { Shell } from './layout/shell';
import { SettingsPage } from './settings/settings-page';
import { EditWebhookPage, NewWebhookPage } from './webhooks/webhook-form-page';
import { WebhookDetailPage } from './webhooks/webhook-detail-page';
import { WebhookListPage } from './webhooks/webhook-list-page';

function NotFound() {
  return (
    <section>
      <h1>Not found</h1>
      <p>
        There is no page here. <Link to="/webhooks">Go to webhooks</Link>.
      </p>
    </section>
  );
}

/** The first screen the key may see (a portal session may hide webhooks). */
function Home() {
  const session = useSession();
  const first = ['webhooks', 'deliveries', 'events', 'approvals', 'settings'].find((f) => session.shows(f)) ?? 'webhooks';
  return <Navigate to={`/${first}`} replace />;
}

/** Every screen has its own URL, so any of them can be linked to and reloaded. */
export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignIn /> },
  { path: '/portal', element: <PortalSignIn /> },
  {
    path: '/',
    element: <Shell />,
    children: [
      { index: true, element: <Home /> },
      { path: 'webhooks', element: <WebhookListPage /> },
      { path: 'webhooks/new', element: <NewWebhookPage /> },
      { path: 'webhooks/:id', element: <WebhookDetailPage /> },
      { path: 'webhooks/:id/edit', element: <EditWebhookPage /> },
      { path: 'deliveries', element: <DeliveryListPage /> },
      { path: 'deliveries/:id', element: <DeliveryDetailPage /> },
      { path: 'events', element: <EventListPage /> },
      { path: 'events/:id', element: <EventDetailPage /> },
      { path: 'approvals', element: <ApprovalsPage /> },
      { path: 'api-keys', element: <ApiKeysPage /> },
      { path: 'audit-log', element: <AuditLogPage /> },
      { path: 'settings', element: <SettingsPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
