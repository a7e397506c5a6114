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

/** `v1` (HMAC-SHA256): any Standard Webhooks library verifies it unchanged. */
function standardSnippets(key: string): Record<Lang, string> {
  return {
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
}

/**
 * `v1a` (Ed25519) and `v1e` (ECDSA P-256): Standard Webhooks libraries verify only `v1`, so Node uses
 * Hookline's SDK (its verify() takes the key exactly as shown above); the API reference (/docs) has the
 * same check written out with each language's own crypto library.
 */
function asymmetricSnippets(scheme: string, key: string): Record<Lang, string> {
  const version = scheme === 'ed25519' ? 'v1a' : 'v1e';
  const where = version === 'v1e' ? 'shows this check for this language ("Verifying a v1e (ECDSA) signature")' : 'describes the v1a format (the base64 after whpk_ is the raw 32-byte Ed25519 public key)';
  const elsewhere = (comment: string) => `${comment} Verify the ${version} token of webhook-signature over
${comment} "{webhook-id}.{webhook-timestamp}.{raw body}" with ${key}:
${comment} the API reference at /docs ${where}.`;
  return {
    node: `import { verify, WebhookVerificationError } from '@hookline/sdk';

// ${key}: verify() reads the ${version} token of webhook-signature and checks webhook-timestamp
app.post('/webhooks', express.raw({ type: 'application/json' }), (req, res) => {
  try {
    const event = verify(req.body, req.headers, process.env.HOOKLINE_PUBLIC_KEY);
    res.sendStatus(204);
  } catch (error) {
    if (error instanceof WebhookVerificationError) return res.sendStatus(401);
    throw error;
  }
});`,
    python: elsewhere('#'),
    go: elsewhere('//'),
  };
}

/** How a receiver verifies this webhook's signatures, per language, for its scheme and the organization's wire profile. */
export function VerifySnippets({ scheme }: { scheme: string }) {
  const [lang, setLang] = useState<Lang>('node');
  const profile = useQuery({ queryKey: ['wire-profile'], queryFn: () => call(api.GET('/v1/wire-profile')), staleTime: 5 * 60_000 });
  const hmacHex = profile.data?.name === 'hmac-hex' && scheme === 'hmac-sha256' ? profile.data.brand ?? '' : undefined;
  const key = scheme === 'hmac-sha256' ? 'whsec_… (your signing secret)' : scheme === 'ed25519' ? 'whpk_… (the public key above)' : 'the public key PEM above';
  const snippets: Record<Lang, string> =
    hmacHex !== undefined ? hmacHexSnippets(hmacHex) : scheme === 'hmac-sha256' ? standardSnippets(key) : asymmetricSnippets(scheme, key);
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
    </div>
  );
}
