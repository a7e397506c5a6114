import { useState } from 'react';
import { CopyButton } from '../ui/copy-button';
import { Dialog } from '../ui/dialog';

/** The signing secret (or public key), shown once after create or rotate. */
export function SecretDialog({ webhook, secret, publicKey, onClose }: { webhook: { name: string }; secret?: string; publicKey?: string; onClose: () => void }) {
  const [open, setOpen] = useState(true);
  const close = () => {
    setOpen(false);
    onClose();
  };
  return (
    <Dialog title={`Signing secret of ${webhook.name}`} open={open} onClose={close}>
      {secret ? (
        <>
          <p className="warning">
            <strong>Copy it now: you will not see this secret again.</strong> Your endpoint needs it to verify signatures.
          </p>
          <div className="secret">
            <code data-testid="signing-secret">{secret}</code>
            <CopyButton text={secret} />
          </div>
        </>
      ) : null}
      {publicKey ? (
        <>
          <p>Public key for verifying signatures (also shown on the webhook page):</p>
          <div className="secret">
            <pre>{publicKey}</pre>
            <CopyButton text={publicKey} />
          </div>
        </>
      ) : null}
      <div className="actions">
        <button type="button" onClick={close} autoFocus>
          I have stored it
        </button>
      </div>
    </Dialog>
  );
}
