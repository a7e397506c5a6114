// How a receiver verifies an ECDSA P-256 (`v1e`) signature, in three languages. The snippets are
// served in /openapi.json and run by signature-verification.spec.ts (Node and Python), so they
// stay correct. Each expects: `msgId`, `timestamp` (the webhook-id / webhook-timestamp headers),
// `body` (the raw request body, bytes), `signatureHeader` (webhook-signature) and
// `publicKeyPem` (the webhook's `public_key`).

export const NODE_ECDSA_SNIPPET = `import { createPublicKey, verify } from 'node:crypto';

function verifyEcdsa({ msgId, timestamp, body, signatureHeader, publicKeyPem }) {
  const key = createPublicKey(publicKeyPem);
  const content = Buffer.concat([Buffer.from(\`\${msgId}.\${timestamp}.\`), Buffer.from(body)]);
  return signatureHeader.split(' ').some((token) => {
    const [version, signature] = token.split(',');
    // IEEE P1363: r || s, 64 bytes. Node's default is DER, so name the encoding.
    return version === 'v1e' && verify('sha256', content, { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64'));
  });
}`;

export const PYTHON_ECDSA_SNIPPET = `import base64
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, utils

def verify_ecdsa(msg_id: str, timestamp: str, body: bytes, signature_header: str, public_key_pem: str) -> bool:
    key = serialization.load_pem_public_key(public_key_pem.encode())
    content = f"{msg_id}.{timestamp}.".encode() + body
    for token in signature_header.split(" "):
        version, _, signature = token.partition(",")
        raw = base64.b64decode(signature)
        if version != "v1e" or len(raw) != 64:
            continue
        # IEEE P1363 (r || s) -> the DER form the cryptography package expects
        der = utils.encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
        try:
            key.verify(der, content, ec.ECDSA(hashes.SHA256()))
            return True
        except InvalidSignature:
            pass
    return False`;

export const GO_ECDSA_SNIPPET = `import (
	"crypto/ecdsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"math/big"
	"strings"
)

func verifyECDSA(msgID, timestamp string, body []byte, signatureHeader, publicKeyPEM string) bool {
	block, _ := pem.Decode([]byte(publicKeyPEM))
	if block == nil {
		return false
	}
	parsed, err := x509.ParsePKIXPublicKey(block.Bytes)
	key, ok := parsed.(*ecdsa.PublicKey)
	if err != nil || !ok {
		return false
	}
	digest := sha256.Sum256(append([]byte(msgID+"."+timestamp+"."), body...))
	for _, token := range strings.Split(signatureHeader, " ") {
		version, signature, _ := strings.Cut(token, ",")
		raw, err := base64.StdEncoding.DecodeString(signature)
		if version != "v1e" || err != nil || len(raw) != 64 {
			continue
		}
		// IEEE P1363: r || s, each 32 bytes big-endian (not ASN.1 DER)
		r, s := new(big.Int).SetBytes(raw[:32]), new(big.Int).SetBytes(raw[32:])
		if ecdsa.Verify(key, digest[:], r, s) {
			return true
		}
	}
	return false
}`;

/** Markdown for the document's description: what a receiver gets and how to verify it. */
export const RECEIVING_WEBHOOKS_MARKDOWN = `## Receiving webhooks

Every delivery is an HTTPS \`POST\` of a JSON event (see **Webhooks** below for each event type's
payload) with these headers:

| header | value |
|---|---|
| \`webhook-id\` | \`del_…\`: the delivery; the same on every retry of it, so use it to drop duplicates |
| \`webhook-timestamp\` | Unix seconds when this attempt was signed; refuse values far from your clock (e.g. ±5 min) |
| \`webhook-signature\` | space-separated \`<version>,<base64 signature>\` tokens (several while a rotated secret is still valid) |
| \`hookline-event-type\` | the event's \`type\`, e.g. \`transfer.completed\` |
| \`traceparent\` | W3C trace context of the publisher's trace |
| \`user-agent\` | \`Hookline/<version>\` |

The signed content is \`{webhook-id}.{webhook-timestamp}.{raw body}\` (Standard Webhooks). Versions:

- \`v1\`: HMAC-SHA256 with the webhook's \`whsec_…\` signing secret (the base64 after \`whsec_\` is the key).
  Any Standard Webhooks library verifies it unchanged.
- \`v1a\`: Ed25519 with the webhook's \`whpk_…\` public key (Standard Webhooks asymmetric).
- \`v1e\`: ECDSA P-256 with SHA-256, for the webhook's \`public_key\` (SPKI PEM). The signature is
  encoded **IEEE P1363** — \`r || s\`, exactly 64 bytes, base64 — **not ASN.1 DER**. Libraries that
  expect DER need the two 32-byte halves wrapped first (Python below); Node takes
  \`dsaEncoding: 'ieee-p1363'\`; Go's \`ecdsa.Verify\` takes \`r\` and \`s\` directly.

What your answer does: any **2xx** within the webhook's timeout (default 15 s) marks the delivery
delivered. **410** disables the webhook: nothing more is sent until it is re-enabled. **429** and
**503** are retried, no sooner than their \`Retry-After\`. Anything else — 3xx (redirects are not
followed), 4xx, 5xx, a timeout or a connection error — is retried on the webhook's schedule
(default after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, ±20 %); when the schedule is exhausted
the delivery is \`failed\` and a \`hookline.delivery.exhausted\` event is published.

### Verifying a \`v1e\` (ECDSA) signature

Node.js:

\`\`\`js
${NODE_ECDSA_SNIPPET}
\`\`\`

Python (\`cryptography\`):

\`\`\`python
${PYTHON_ECDSA_SNIPPET}
\`\`\`

Go:

\`\`\`go
${GO_ECDSA_SNIPPET}
\`\`\`
`;
