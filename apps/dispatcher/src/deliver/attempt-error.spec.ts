import { classifySendError, SendError } from './attempt-error';

/** A Node/undici-style error with a code, optionally wrapping another. */
const coded = (code: string, message = code, cause?: unknown) => Object.assign(new Error(message, { cause }), { code });

describe('classifySendError: the error class an attempt shows its webhook owner', () => {
  it('an unknown host is dns, also when wrapped', () => {
    expect(classifySendError(coded('ENOTFOUND')).errorClass).toBe('dns');
    expect(classifySendError(new TypeError('fetch failed', { cause: coded('EAI_AGAIN') })).errorClass).toBe('dns');
  });

  it('connect, header and body timeouts are timeout', () => {
    for (const code of ['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']) {
      expect(classifySendError(coded(code)).errorClass).toBe('timeout');
    }
  });

  it('certificate and handshake failures are tls', () => {
    for (const code of ['ERR_TLS_CERT_ALTNAME_INVALID', 'ERR_SSL_WRONG_VERSION_NUMBER', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE']) {
      expect(classifySendError(coded(code)).errorClass).toBe('tls');
    }
  });

  it('a blocked egress is ssrf_blocked and says why, from the guard rather than the wrapper', () => {
    const blocked = Object.assign(new Error('10.0.0.7 is a private address'), { name: 'EgressBlockedError', code: 'SSRF_BLOCKED' });
    const error = classifySendError(new TypeError('fetch failed', { cause: blocked }));
    expect(error).toMatchObject({ errorClass: 'ssrf_blocked', message: '10.0.0.7 is a private address' });
  });

  it('anything else (refused, reset, not even an Error) is connect', () => {
    expect(classifySendError(coded('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1'))).toMatchObject({ errorClass: 'connect', message: 'connect ECONNREFUSED 127.0.0.1:1' });
    expect(classifySendError(coded('ECONNRESET')).errorClass).toBe('connect');
    expect(classifySendError('socket hang up')).toMatchObject({ errorClass: 'connect', message: 'socket hang up' });
  });

  it('an error already classified keeps its class', () => {
    const auth = new SendError('auth', 'token endpoint answered invalid_client');
    expect(classifySendError(auth)).toBe(auth);
  });
});
