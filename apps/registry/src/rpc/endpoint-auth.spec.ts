import type { registryV1 } from '@hookline/proto';
import { toAuthInput, toEndpointAuthMessage } from './endpoint-auth';

const flat = { type: '', headerName: '', headerValue: '', username: '', password: '', tokenUrl: '', clientId: '', clientSecret: '', scope: '', audience: '' };

describe('the registry’s endpoint-auth converter', () => {
  it('reads each case of the oneof as the contract’s union', () => {
    expect(toAuthInput({ ...flat, auth: { $case: 'apiKey', value: { headerName: 'X-Key', value: 'k-1' } } })).toEqual({ type: 'api_key', headerName: 'X-Key', value: 'k-1' });
    expect(toAuthInput({ ...flat, auth: { $case: 'basic', value: { username: 'ada', password: 'pw' } } })).toEqual({ type: 'basic', username: 'ada', password: 'pw' });
    expect(
      toAuthInput({ ...flat, auth: { $case: 'oauth2', value: { tokenUrl: 'https://a.example/t', clientId: 'c', clientSecret: 's', scope: '', audience: 'aud', clientAuthMethod: '' } } }),
    ).toEqual({ type: 'oauth2', tokenUrl: 'https://a.example/t', clientId: 'c', clientSecret: 's', scope: '', audience: 'aud', clientAuthMethod: '' });
  });

  it('prefers the oneof over the flat fields an older gateway also fills', () => {
    const both = { ...flat, type: 'basic', username: 'old', password: 'old', auth: { $case: 'apiKey' as const, value: { headerName: 'X-Key', value: 'new' } } };
    expect(toAuthInput(both)).toEqual({ type: 'api_key', headerName: 'X-Key', value: 'new' });
  });

  it('reads the flat form of a gateway deployed before the oneof', () => {
    expect(toAuthInput({ ...flat, type: 'api_key', headerName: 'X-Key', headerValue: 'k-1' })).toEqual({ type: 'api_key', headerName: 'X-Key', value: 'k-1' });
    expect(toAuthInput({ ...flat })).toEqual({ type: 'none' });
    expect(toAuthInput(undefined)).toBeUndefined();
  });

  it('passes empty credentials on as empty, for the rules to refuse with their param', () => {
    expect(toAuthInput({ ...flat, auth: { $case: 'basic', value: {} as registryV1.BasicAuth } })).toEqual({ type: 'basic', username: '', password: '' });
  });

  it('refuses an unknown case or type as auth_type_invalid instead of dropping the credentials', () => {
    const hostile = { ...flat, auth: { $case: 'mtls', value: {} } } as unknown as registryV1.EndpointAuthInput;
    expect(() => toAuthInput(hostile)).toThrow(expect.objectContaining({ kind: 'input', code: 'auth_type_invalid', param: 'auth.type' }));
    expect(() => toAuthInput({ ...flat, type: 'mtls', headerValue: 'secret' })).toThrow(expect.objectContaining({ code: 'auth_type_invalid' }));
  });

  it('writes the delivery config’s auth both as the oneof and as the flat form older dispatchers read', () => {
    expect(toEndpointAuthMessage({ type: 'api_key', headerName: 'X-Key', value: 'k-1' })).toEqual({
      ...flat,
      type: 'api_key',
      headerName: 'X-Key',
      headerValue: 'k-1',
      auth: { $case: 'apiKey', value: { headerName: 'X-Key', value: 'k-1' } },
    });
    expect(toEndpointAuthMessage({ type: 'none' })).toEqual({ ...flat, type: 'none', auth: undefined });
    const oauth2 = toEndpointAuthMessage({ type: 'oauth2', tokenUrl: 'https://a.example/t', clientId: 'c', clientSecret: 's', scope: 'x', audience: '', clientAuthMethod: 'both' });
    expect(oauth2.auth).toEqual({ $case: 'oauth2', value: { tokenUrl: 'https://a.example/t', clientId: 'c', clientSecret: 's', scope: 'x', audience: '', clientAuthMethod: 'both' } });
    expect(oauth2).toMatchObject({ type: 'oauth2', clientSecret: 's', clientAuthMethod: 'both' });
  });
});
