import { useId, type ReactNode } from 'react';
import { Alert } from './alert.tsx';
import { Button } from './button.tsx';
import { CopyButton } from './copy-button.tsx';

export interface ShownOnceSecretProps {
  /** What the secret is for, in a line above it ("Deploy script, valid until …"). */
  label: ReactNode;
  secret: string;
  copyLabel: string;
  /** Why it is shown only now and where it is needed. */
  children: ReactNode;
  onDone: () => void;
}

/** A secret Readout shows this once (a token, a signing secret): a warning, the value, a copy button, Done. */
export function ShownOnceSecret({ label, secret, copyLabel, children, onDone }: ShownOnceSecretProps) {
  const labelId = useId();
  return (
    <div className="token-secret">
      <Alert tone="warning" title="Shown this once">
        {children}
      </Alert>
      <p className="token-secret-label break-anywhere" id={labelId}>
        {label}
      </p>
      <div className="secret-row">
        <code className="secret-value" aria-labelledby={labelId}>
          {secret}
        </code>
        <CopyButton text={secret} label={copyLabel} />
      </div>
      <DoneActions onDone={onDone} />
    </div>
  );
}

/** The one button that ends a dialog whose work is done. */
export function DoneActions({ onDone }: { onDone: () => void }) {
  return (
    <div className="form-actions">
      <Button variant="primary" onClick={onDone}>
        Done
      </Button>
    </div>
  );
}
