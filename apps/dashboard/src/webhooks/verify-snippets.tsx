import { useState } from 'react';

/** How a receiver verifies this webhook's signatures, per language, for its scheme. */
export function VerifySnippets({ scheme }: { scheme: string }) {
  const [lang, setLang] = useState<'node' | 'python' | 'go'>('node');
  const key = scheme === 'hmac-sha256' ? 'whsec_… (your signing secret)' : scheme === 'ed25519' ? 'whpk_… (the public key above)' : 'the public key PEM above';
  const snippets = {
    node: `import { Webhook } from 'standardwebhooks';

// ${key}
const wh = new Webhook(process.env.HOOKLINE_SECRET, { format: 'raw' });
app.post('/webhooks', express.raw({ type: 'application/json' }), (req, res) => {
  const event = wh.verify(req.body, req.headers); // throws when the signature is wrong
  res.sendStatus(204);
});`,
    python: `from standardwebhooks.webhooks import Webhook

wh = Webhook(os.environ["HOOKLINE_SECRET"])  # ${key}

@app.post("/webhooks")
def receive():
    event = wh.verify(request.get_data(), request.headers)  # raises on a bad signature
    return "", 204`,
    go: `import standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

wh, _ := standardwebhooks.NewWebhook(os.Getenv("HOOKLINE_SECRET")) // ${key}
func receive(w http.ResponseWriter, r *http.Request) {
    body, _ := io.ReadAll(r.Body)
    if err := wh.Verify(body, r.Header); err != nil { w.WriteHeader(400); return }
    w.WriteHeader(204)
}`,
  };
  return (
    <div className="snippets">
      <div role="tablist" aria-label="Language">
        {(['node', 'python', 'go'] as const).map((l) => (
          <button key={l} type="button" role="tab" aria-selected={lang === l} className={lang === l ? 'tab active' : 'tab'} onClick={() => setLang(l)}>
            {l === 'node' ? 'Node' : l === 'python' ? 'Python' : 'Go'}
          </button>
        ))}
      </div>
      <pre role="tabpanel" tabIndex={0}>{snippets[lang]}</pre>
      {scheme !== 'hmac-sha256' ? <p className="muted">Asymmetric schemes ({scheme}) verify with the public key; Standard Webhooks libraries that support `v1a` accept it directly.</p> : null}
    </div>
  );
}
