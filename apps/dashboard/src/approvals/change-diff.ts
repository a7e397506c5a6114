/** One changed field of an approval: what the webhook has now and what the request would set. */
export interface DiffRow {
  field: string;
  before: string;
  after: string;
}

const show = (value: unknown) => (value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value));

/** The requested change against the webhook as it is (fields the request does not touch are left out). */
export function changeDiff(change: Record<string, unknown>, current: Record<string, unknown> | undefined): DiffRow[] {
  return Object.entries(change).map(([field, after]) => ({ field, before: show(current?.[field === 'auth' ? 'auth_type' : field]), after: show(after) }));
}
