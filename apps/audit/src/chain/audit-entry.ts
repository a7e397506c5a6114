/** One audit record as the service knows it: an API call ("access") or a state change ("change"). */
export interface AuditEntry {
  /** aud_…; duplicates delivered by Kafka share it. */
  id: string;
  orgId: string;
  kind: string;
  actorKind: string;
  actorKeyId: string;
  actorOwner: string;
  actorRole: string;
  action: string;
  resourceType: string;
  resourceId: string;
  requestId: string;
  ip: string;
  userAgent: string;
  httpStatus: number;
  outcome: string;
  latencyMs: number;
  /** RFC 3339 UTC with milliseconds (normalised on arrival so it round-trips through timestamptz). */
  time: string;
  beforeJson: string;
  afterJson: string;
  source: string;
}

/** An entry with its place in its org's chain. */
export interface ChainedEntry extends AuditEntry {
  sequence: number;
  prevHash: string;
  hash: string;
}

export interface ChainHead {
  sequence: number;
  hash: string;
}
