import { orderBySpecificity } from './mount-routes';

describe('orderBySpecificity', () => {
  it('puts static segments before parameters, keeping the declared order otherwise', () => {
    const paths = ['/v1/webhooks/:id', '/v1/webhooks', '/v1/webhooks/:id/approvals', '/v1/webhooks/events/:id', '/v1/webhooks/event-types', '/v1/webhooks/events'];
    expect(orderBySpecificity(paths.map((path) => ({ path }))).map((r) => r.path)).toEqual([
      '/v1/webhooks',
      '/v1/webhooks/event-types',
      '/v1/webhooks/events',
      '/v1/webhooks/events/:id',
      '/v1/webhooks/:id',
      '/v1/webhooks/:id/approvals',
    ]);
  });
});
