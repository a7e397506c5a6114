import { endpointAuthInput } from './webhook-requests';

const flat = { type: 'none', headerName: '', headerValue: '', username: '', password: '', tokenUrl: '', clientId: '', clientSecret: '', scope: '', audience: '' };

describe('the gateway’s endpoint-auth converter (REST auth → registry request)', () => {
  it('sends each REST auth object as its oneof case, and as the flat form older registries read', () => {
    expect(endpointAuthInput({ type: 'api_key', header_name: 'X-Key', value: 'k-1' })).toEqual({
      ...flat,
      type: 'api_key',
      headerName: 'X-Key',
      headerValue: 'k-1',
      auth: { $case: 'apiKey', value: { headerName: 'X-Key', value: 'k-1' } },
    });
    expect(endpointAuthInput({ type: 'basic', username: 'ada', password: 'pw' }).auth).toEqual({ $case: 'basic', value: { username: 'ada', password: 'pw' } });
    expect(endpointAuthInput({ type: 'none' })).toEqual({ ...flat, auth: undefined });
  });

  it('sends omitted oauth2 options as empty, for the registry to apply its defaults', () => {
    const input = endpointAuthInput({ type: 'oauth2', token_url: 'https://auth.example/token', client_id: 'c', client_secret: 's' } as never);
    expect(input.auth).toEqual({ $case: 'oauth2', value: { tokenUrl: 'https://auth.example/token', clientId: 'c', clientSecret: 's', scope: '', audience: '', clientAuthMethod: '' } });
    expect(input).toMatchObject({ type: 'oauth2', clientSecret: 's', clientAuthMethod: undefined });
  });
});
