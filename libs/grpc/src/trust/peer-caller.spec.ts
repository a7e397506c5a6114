import type { ServerInterceptingCallInterface } from '@grpc/grpc-js';
import type { PeerCertificate } from 'node:tls';
import { callerOf } from './peer-caller';

/** A server call on `session` whose verified client certificate names `cn`. */
function callOn(session: object | undefined, cn: string) {
  const getAuthContext = jest.fn(() => ({ transportSecurityType: 'ssl', sslPeerCertificate: { subject: { CN: cn }, subjectaltname: '' } as unknown as PeerCertificate }));
  const call = { getAuthContext, ...(session ? { stream: { session } } : {}) } as unknown as ServerInterceptingCallInterface;
  return { call, getAuthContext };
}

describe('the caller of a connection', () => {
  it('is read from the certificate once per connection, not on every call', () => {
    const connection = {};
    const first = callOn(connection, 'gateway');
    const second = callOn(connection, 'gateway');
    expect(callerOf(first.call)).toEqual({ kind: 'service', name: 'gateway' });
    expect(callerOf(second.call)).toEqual({ kind: 'service', name: 'gateway' });
    expect(first.getAuthContext).toHaveBeenCalledTimes(1);
    expect(second.getAuthContext).not.toHaveBeenCalled();
  });

  it('is read afresh on a new connection, whatever the previous one presented', () => {
    expect(callerOf(callOn({}, 'gateway').call)).toEqual({ kind: 'service', name: 'gateway' });
    expect(callerOf(callOn({}, 'publisher:billing').call)).toEqual({ kind: 'publisher', name: 'billing', orgs: [] });
  });

  it('stays unknown on a connection without a verified certificate', () => {
    const connection = {};
    const anonymous = { getAuthContext: () => ({}), stream: { session: connection } } as unknown as ServerInterceptingCallInterface;
    expect(callerOf(anonymous)).toBeUndefined();
    expect(callerOf(anonymous)).toBeUndefined();
  });

  it('is read per call when the connection cannot be told', () => {
    const { call, getAuthContext } = callOn(undefined, 'dispatcher');
    expect(callerOf(call)).toEqual({ kind: 'service', name: 'dispatcher' });
    expect(callerOf(call)).toEqual({ kind: 'service', name: 'dispatcher' });
    expect(getAuthContext).toHaveBeenCalledTimes(2);
  });
});
