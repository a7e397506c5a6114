/**
 * The dispatcher refused to connect: the host is, or resolves to, an address that is neither
 * public nor in the allow-list. The message is safe to record on the attempt: it names the
 * host but not the address it resolved to (that would map internal DNS for whoever owns the
 * webhook); `address` and `range` are for operators' logs.
 */
export class EgressBlockedError extends Error {
  readonly code = 'SSRF_BLOCKED' as const;

  constructor(
    readonly hostname: string,
    readonly address: string,
    readonly range: string,
  ) {
    super(
      hostname === address
        ? `egress to ${hostname} blocked: it is a ${range} address, not a public one`
        : `egress to ${hostname} blocked: it resolves to an address that is not public`,
    );
    this.name = 'EgressBlockedError';
  }
}
