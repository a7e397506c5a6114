// What `npm start` does once the stack is healthy: create a demo organization, when the
// registry's admin API exists, so a newcomer has an API key at once. `notes` may be logged; `keys`
// are secrets, for showKeys only.
export async function onReady({ base, operatorKey }) {
  const res = await fetch(`${base}/v1/admin/organizations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${operatorKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: `Demo ${new Date().toISOString().slice(0, 19)}` }),
  });
  if (res.status === 404) return { notes: [], keys: [] };
  if (!res.ok) throw new Error(`POST /v1/admin/organizations answered ${res.status}`);
  const body = await res.json();
  return { notes: [`demo org:     ${body.organization.id}`], keys: [`demo API key: ${body.api_key.key} (admin of ${body.organization.id})`] };
}
