import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import { credentials, ServerCredentials, type ChannelCredentials } from '@grpc/grpc-js';
import type { TlsIdentity } from './tls-identity';

/**
 * Mutual TLS for a server: the server asks every client for its certificate and verifies it
 * against the CA during the handshake, but does not drop the connection when there is none or
 * it does not verify. grpc-js then hands handlers no certificate, and the authorization
 * middleware answers UNAUTHENTICATED, a status the caller can read, rather than a connection
 * reset indistinguishable from a service that is down. (`ServerCredentials.createSsl` with
 * `checkClientCertificate` rejects in the handshake, where no status can be sent.)
 */
class MutualTlsServerCredentials extends ServerCredentials {
  constructor(identity: TlsIdentity) {
    super({ requestCert: true, rejectUnauthorized: false }, { ca: identity.ca, cert: identity.cert, key: identity.key });
  }

  _equals(other: ServerCredentials): boolean {
    return other === this;
  }
}

export function serverCredentials(identity: TlsIdentity): ServerCredentials {
  return new MutualTlsServerCredentials(identity);
}

/**
 * Mutual TLS for a client: it presents its own certificate and accepts only a server whose
 * certificate, issued by the same CA, names `expectedServer` (e.g. `registry`) — whatever the
 * address it dialled. Without `expectedServer` the usual host name check applies.
 */
export function channelCredentials(identity: Pick<TlsIdentity, 'ca'> & Partial<TlsIdentity>, expectedServer?: string): ChannelCredentials {
  return credentials.createSsl(identity.ca, identity.key ?? null, identity.cert ?? null, {
    checkServerIdentity: (host: string, certificate: PeerCertificate) => {
      if (!expectedServer) return checkServerIdentity(host, certificate);
      const cn = certificate.subject?.CN;
      if (cn === expectedServer) return undefined;
      return Object.assign(new Error(`the server at ${host} presents the identity "${String(cn)}", not "${expectedServer}"`), {
        reason: 'identity mismatch',
        host,
        cert: certificate,
      });
    },
  });
}

