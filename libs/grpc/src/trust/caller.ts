import type { PeerCertificate } from 'node:tls';

/** The Hookline services; each presents a certificate naming itself. */
export const SERVICE_IDENTITIES = ['gateway', 'registry', 'ingestion', 'dispatcher', 'audit'] as const;
export type ServiceIdentity = (typeof SERVICE_IDENTITIES)[number];

/** Who is on the other end of a gRPC connection, as its verified client certificate says. */
export type Caller =
  | { kind: 'service'; name: ServiceIdentity }
  /** A platform team's service publishing events; `orgs` empty = any organization. */
  | { kind: 'publisher'; name: string; orgs: string[] };

const PUBLISHER_PREFIX = 'publisher:';
const ORG_URI = 'urn:hookline:org:';

/** A certificate's display form, for logs and error messages: `gateway`, `publisher:billing`. */
export function callerName(caller: Caller): string {
  return caller.kind === 'service' ? caller.name : `${PUBLISHER_PREFIX}${caller.name}`;
}

/**
 * The caller a certificate names (its common name), or undefined for a name Hookline does not
 * know. Only certificates the TLS handshake verified against the CA reach this function.
 */
export function callerFromCertificate(certificate: PeerCertificate): Caller | undefined {
  const cn = certificate.subject?.CN;
  if (typeof cn !== 'string') return undefined;
  if ((SERVICE_IDENTITIES as readonly string[]).includes(cn)) return { kind: 'service', name: cn as ServiceIdentity };
  if (cn.startsWith(PUBLISHER_PREFIX) && /^[a-z0-9][a-z0-9-]{0,62}$/.test(cn.slice(PUBLISHER_PREFIX.length))) {
    // subjectaltname: "URI:urn:hookline:publisher:billing, URI:urn:hookline:org:org_1, ..."
    const orgs = (certificate.subjectaltname ?? '')
      .split(', ')
      .filter((entry) => entry.startsWith(`URI:${ORG_URI}`))
      .map((entry) => entry.slice(`URI:${ORG_URI}`.length));
    return { kind: 'publisher', name: cn.slice(PUBLISHER_PREFIX.length), orgs };
  }
  return undefined;
}
