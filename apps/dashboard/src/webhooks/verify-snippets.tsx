import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';

type Lang = 'node' | 'python' | 'go';

/** The hmac-hex wire profile: `X-<Brand>-Signature: sha256=<hex>` over the raw body, keyed with the secret as shown. */
function hmacHexSnippets(brand: string): Record<Lang, string> {
  const header = `X-${brand}-Signature`;
  return {
    node: `const crypto = require('crypto');

// secret: whsec_… (your signing secret, exactly as shown)
function verifyWebhook(rawBody, signatureHeader, secret) {
  const expected = crypto.createHmac('sha256', secret).update(rawBody).digest('hex');
  const received = signatureHeader.replace('sha256=', '');
  return expected.length === received.length &&
    crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(received));
}
// verifyWebhook(req.body /* raw bytes */, req.get('${header}'), process.env.WEBHOOK_SECRET)
// During the 24 h after a rotation, ${header}-Previous carries the previous secret's signature.`,
    python: `import hashlib, hmac

def verify_webhook(raw_body: bytes, signature_header: str, secret: str) -> bool:
    expected = hmac.new(secret.encode(), raw_body, hashlib.sha256).hexdigest()
    received = signature_header.replace("sha256=", "")
    return hmac.compare_digest(expected, received)

# verify_webhook(request.get_data(), request.headers["${header}"], os.environ["WEBHOOK_SECRET"])`,
    go: `func verifyWebhook(rawBody []byte, signatureHeader, secret string) bool {
    mac := hmac.New(sha256.New, []byte(secret))
    mac.Write(rawBody)
    expected := hex.EncodeToString(mac.Sum(nil))
    received := strings.TrimPrefix(signatureHeader, "sha256=")
    return hmac.Equal([]byte(expected), []byte(received))
}
// verifyWebhook(body, r.Header.Get("${header}"), os.Getenv("WEBHOOK_SECRET"))`,
  };
}

/** How a receiver verifies this webhook's signatures, per language, for its scheme and the organization's wire profile. */
export function VerifySnippets({ scheme }: { scheme: string }) {
  const [lang, setLang] = useState<Lang>('node');
  const profile = useQuery({ queryKey: ['wire-profile'], queryFn: () => call(api.GET('/v1/wire-profile')), staleTime: 5 * 60_000 });
  const hmacHex = profile.data?.name === 'hmac-hex' && scheme === 'hmac-sha256' ? profile.data.brand ?? '' : undefined;
  const key = scheme === 'hmac-sha256' ? 'whsec_… (your signing secret)' : scheme === 'ed25519' ? 'whpk_… (the public key above)' : 'the public key PEM above';
  const snippets: Record<Lang, string> = hmacHex !== undefined ? hmacHexSnippets(hmacHex) : {
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
      {hmacHex !== undefined ? <p className="muted">Deliveries use the {hmacHex} format set by the platform operator: the signature is in <code>X-{hmacHex}-Signature</code>.</p> : null}
      {scheme !== 'hmac-sha256' ? <p className="muted">Asymmetric schemes ({scheme}) verify with the public key; Standard Webhooks libraries that support `v1a` accept it directly.</p> : null}
    </div>
  );
}
