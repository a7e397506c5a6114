import type { ServerInterceptingCallInterface } from '@grpc/grpc-js';
import { callerFromCertificate, type Caller } from './caller';

/**
 * The verified caller of each connection. A connection's client certificate is fixed by its
 * handshake (HTTP/2 forbids renegotiation), while `getAuthContext()` re-reads it from OpenSSL on
 * every call: a fresh object with its three fingerprints and a copy of the DER bytes. Keyed by
 * the HTTP/2 session, so an entry goes with its connection, and a new connection, even from the
 * same address and port, is read afresh.
 */
const callers = new WeakMap<object, Caller | undefined>();

/** The caller on the other end of `call`, from its connection's verified certificate. */
export function callerOf(call: ServerInterceptingCallInterface): Caller | undefined {
  const session = sessionOf(call);
  if (session && callers.has(session)) return callers.get(session);
  const certificate = call.getAuthContext()?.sslPeerCertificate;
  const caller = certificate ? callerFromCertificate(certificate) : undefined;
  if (session) callers.set(session, caller);
  return caller;
}

/**
 * The HTTP/2 session a server call arrived on. grpc-js does not expose it; its base call holds
 * the stream. Anything else (another grpc-js layout) returns undefined: the certificate is then
 * read per call, as before — slower, never wrong.
 */
function sessionOf(call: ServerInterceptingCallInterface): object | undefined {
  const stream = (call as { stream?: { session?: unknown } }).stream;
  const session = stream?.session;
  return typeof session === 'object' && session !== null ? session : undefined;
}
