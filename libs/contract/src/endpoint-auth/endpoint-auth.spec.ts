import { flatEndpointAuth, fromFlatEndpointAuth, isClientAuthMethod, type SubmittedEndpointAuth } from './endpoint-auth';

const every: SubmittedEndpointAuth[] = [
  { type: 'none' },
  { type: 'api_key', headerName: 'X-Api-Key', value: 'k-1' },
  { type: 'basic', username: 'ada', password: 'p@ss' },
  { type: 'oauth2', tokenUrl: 'https://auth.example/token', clientId: 'c', clientSecret: 's', scope: 'hooks', audience: '', clientAuthMethod: 'client_secret_post' },
];

describe('the flat form of endpoint auth (read from and written for services deployed before the oneof)', () => {
  it('reads back every kind it writes, credentials in their fields', () => {
    for (const auth of every) expect(fromFlatEndpointAuth(flatEndpointAuth(auth))).toEqual(auth);
    expect(flatEndpointAuth(every[1])).toMatchObject({ type: 'api_key', headerName: 'X-Api-Key', headerValue: 'k-1', password: '', clientSecret: '' });
  });

  it('reads an empty or absent type as none, and missing values as empty strings', () => {
    expect(fromFlatEndpointAuth({})).toEqual({ type: 'none' });
    expect(fromFlatEndpointAuth({ type: '' })).toEqual({ type: 'none' });
    expect(fromFlatEndpointAuth({ type: 'basic' })).toEqual({ type: 'basic', username: '', password: '' });
    expect(fromFlatEndpointAuth({ type: 'oauth2', tokenUrl: 'https://a.example' })).toMatchObject({ clientSecret: '', clientAuthMethod: '' });
  });

  it('never reads a type it does not know as none', () => {
    for (const type of ['mtls', 'API_KEY', ' none', 'oauth2 ']) expect(fromFlatEndpointAuth({ type, headerName: 'X', headerValue: 'v' })).toBeUndefined();
  });

  it('knows the client auth methods and nothing else', () => {
    expect(isClientAuthMethod('both')).toBe(true);
    expect(isClientAuthMethod('')).toBe(false);
    expect(isClientAuthMethod('private_key_jwt')).toBe(false);
  });
});
