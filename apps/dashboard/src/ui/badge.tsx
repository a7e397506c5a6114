const TONES: Record<string, string> = {
  active: 'ok',
  delivered: 'ok',
  approved: 'ok',
  pending: 'wait',
  pending_approval: 'wait',
  paused: 'muted',
  failed: 'bad',
  disabled: 'bad',
  error: 'bad',
  rejected: 'bad',
  revoked: 'bad',
  expired: 'muted',
  stale: 'muted',
  deleted: 'muted',
};

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge ${TONES[status] ?? 'muted'}`}>{status.replace('_', ' ')}</span>;
}
