/**
 * The reference UI at `/docs`: one self-contained page (no CDN, no external assets) that reads
 * `/openapi.json` and lists every operation with its parameters, request and response schemas.
 */
export const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Hookline API reference</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 1000px; padding: 1rem 2rem; color: #1d2330; }
  h1 { margin-bottom: 0; } h2 { border-bottom: 1px solid #dde; margin-top: 2rem; text-transform: capitalize; }
  details { border: 1px solid #dde; border-radius: 6px; margin: .5rem 0; padding: .4rem .8rem; }
  summary { cursor: pointer; } code, pre { font-family: ui-monospace, monospace; font-size: 13px; }
  pre { background: #f5f6fa; padding: .6rem; overflow: auto; border-radius: 4px; }
  .m { display: inline-block; min-width: 4.2rem; font-weight: 700; text-transform: uppercase; }
  .get { color: #0a7d38; } .post { color: #1f5fbf; } .patch { color: #a35a00; } .delete { color: #b3261e; } .put { color: #6b3fa0; }
  .muted { color: #667; }
</style>
</head>
<body>
<h1>Hookline API</h1>
<p class="muted" id="about">Loading <a href="/openapi.json">/openapi.json</a>…</p>
<main id="ops"></main>
<script>
(async function () {
  const esc = (s) => String(s ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
  const block = (title, value) => value === undefined ? '' : '<h4>' + esc(title) + '</h4><pre>' + esc(JSON.stringify(value, null, 2)) + '</pre>';
  const doc = await (await fetch('/openapi.json')).json();
  document.getElementById('about').innerHTML = esc(doc.info.description) + ' Version ' + esc(doc.info.version) + ' · <a href="/openapi.json">openapi.json</a>';
  const byTag = {};
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) (byTag[op.tags[0]] ??= []).push({ path, method, op });
  }
  let html = '';
  for (const tag of Object.keys(byTag).sort()) {
    html += '<h2>' + esc(tag.replace(/_/g, ' ')) + '</h2>';
    for (const { path, method, op } of byTag[tag]) {
      const auth = op.security.length ? Object.keys(op.security[0])[0] + (op['x-hookline-role'] ? ' (' + op['x-hookline-role'] + ')' : '') : 'none';
      html += '<details><summary><span class="m ' + method + '">' + method + '</span> <code>' + esc(path) + '</code> — ' + esc(op.summary) + '</summary>'
        + '<p class="muted">operation <code>' + esc(op.operationId) + '</code> · auth: ' + esc(auth) + '</p>'
        + (op.description ? '<p>' + esc(op.description) + '</p>' : '')
        + (op.parameters.length ? block('Parameters', op.parameters) : '')
        + block('Request body', op.requestBody && op.requestBody.content['application/json'].schema)
        + block('Responses', op.responses) + '</details>';
    }
  }
  document.getElementById('ops').innerHTML = html;
})().catch((e) => { document.getElementById('about').textContent = 'Could not load /openapi.json: ' + e; });
</script>
</body>
</html>
`;
