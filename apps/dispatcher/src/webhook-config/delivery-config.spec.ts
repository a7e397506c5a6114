import type { registryV1 } from '@hookline/proto';
import { authFromProto } from './delivery-config';

const flat = { type: '', headerName: '', headerValue: '', username: '', password: '', tokenUrl: '', clientId: '', clientSecret: '', scope: '', audience: '' };
const oauth2 = (clientAuthMethod: string): registryV1.EndpointAuth => ({
  ...flat,
  auth: { $case: 'oauth2', value: { tokenUrl: 'https://auth.example/token', clientId: 'c', clientSecret: 's', scope: '', audience: '', clientAuthMethod } },
});

describe('the dispatcher’s endpoint-auth converter', () => {
  it('sends the credentials the oneof carries', () => {
    expect(authFromProto({ ...flat, auth: { $case: 'apiKey', value: { headerName: 'X-Key', value: 'k-1' } } })).toEqual({ type: 'api_key', headerName: 'X-Key', value: 'k-1' });
    expect(authFromProto({ ...flat, auth: { $case: 'basic', value: { username: 'ada', password: 'pw' } } })).toEqual({ type: 'basic', username: 'ada', password: 'pw' });
    expect(authFromProto(oauth2('client_secret_post'))).toMatchObject({ type: 'oauth2', clientSecret: 's', clientAuthMethod: 'client_secret_post' });
  });

  it('reads an empty or unknown client auth method as the default', () => {
    expect(authFromProto(oauth2(''))).toMatchObject({ clientAuthMethod: 'auto' });
    expect(authFromProto(oauth2('private_key_jwt'))).toMatchObject({ clientAuthMethod: 'auto' });
  });

  it('reads the flat form of a registry deployed before the oneof', () => {
    expect(authFromProto({ ...flat, type: 'api_key', headerName: 'X-Key', headerValue: 'k-1' })).toEqual({ type: 'api_key', headerName: 'X-Key', value: 'k-1' });
    expect(authFromProto({ ...flat, type: 'oauth2', tokenUrl: 'https://auth.example/token', clientId: 'c', clientSecret: 's' })).toMatchObject({ clientAuthMethod: 'auto' });
    expect(authFromProto({ ...flat })).toEqual({ type: 'none' });
    expect(authFromProto(undefined)).toEqual({ type: 'none' });
  });

  it('refuses a kind of auth it does not know rather than sending without credentials', () => {
    const hostile = { ...flat, auth: { $case: 'mtls', value: {} } } as unknown as registryV1.EndpointAuth;
    expect(() => authFromProto(hostile)).toThrow(/unknown kind \(mtls\)/);
    expect(() => authFromProto({ ...flat, type: 'mtls', headerValue: 'secret' })).toThrow(/unknown kind/);
  });
});
