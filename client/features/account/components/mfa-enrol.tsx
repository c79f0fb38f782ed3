import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { Alert } from '#client/components/ui/alert.tsx';
import { Button } from '#client/components/ui/button.tsx';
import { Field } from '#client/components/ui/field.tsx';
import { saveFailure } from '#client/lib/field-errors.ts';
import type { MfaSetup } from '#shared/schemas/auth.ts';
import { useEnableMfa, useRefreshAccount, useStartMfaSetup } from '../api/account.ts';
import { RecoveryCodes } from './recovery-codes.tsx';
import { useReauth, wasCancelled } from './reauth.tsx';

/** The secret in groups of four, easier to type into an app by hand. */
function grouped(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}

/** The otpauth:// URL as a QR code, drawn here in the browser: nothing leaves the page. */
function QrCode({ url }: { url: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, width: 220, color: { dark: '#000000', light: '#ffffff' } }).then((data) => live && setSrc(data));
    return () => {
      live = false;
    };
  }, [url]);
  return src ? <img className="qr-code" src={src} width={220} height={220} alt="QR code to scan with your authenticator app" /> : <div className="qr-code qr-placeholder" aria-hidden="true" />;
}

/**
 * Setting up an authenticator app: scan the QR code (or type the secret),
 * enter the code it shows, then save the recovery codes. With two-factor
 * already on, this moves it to a new device.
 */
export function MfaEnrol({ replacing = false, onDone, onCancel }: { replacing?: boolean; onDone: () => void; onCancel?: () => void }) {
  const [setup, setSetup] = useState<MfaSetup | null>(null);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const start = useStartMfaSetup();
  const enable = useEnableMfa();
  const reauth = useReauth();
  const refresh = useRefreshAccount();

  const begin = () => {
    setFormError(null);
    reauth
      .run(() => start.mutateAsync())
      .then(setSetup)
      .catch((error: unknown) => {
        if (!wasCancelled(error)) setFormError(error instanceof Error ? error.message : 'Could not start.');
      });
  };

  const confirm = (event: { preventDefault(): void }) => {
    event.preventDefault();
    if (!/^\d{6}$/.test(code.trim())) {
      setCodeError('Enter the 6 digits the app shows.');
      return;
    }
    setCodeError(undefined);
    enable.mutate(code.trim(), {
      onSuccess: (result) => setCodes(result.recoveryCodes),
      onError: (error) => {
        const failure = saveFailure(error);
        setCodeError(failure.errors.code);
        setFormError(failure.errors.code ? null : failure.formError);
      },
    });
  };

  if (codes) return <RecoveryCodes codes={codes} onDone={() => void refresh().then(onDone)} />;

  if (!setup) {
    return (
      <div className="mfa-start">
        {formError ? <Alert>{formError}</Alert> : null}
        <p>You need an authenticator app on your phone, such as FreeOTP, Aegis, Google Authenticator or Microsoft Authenticator.</p>
        <div className="form-actions">
          <Button variant="primary" busy={start.isPending} onClick={begin}>
            {replacing ? 'Set up the new device' : 'Set up two-factor authentication'}
          </Button>
          {onCancel ? <Button onClick={onCancel}>Cancel</Button> : null}
        </div>
        {reauth.dialog}
      </div>
    );
  }

  return (
    <form className="mfa-enrol" onSubmit={confirm} noValidate>
      {formError ? <Alert>{formError}</Alert> : null}
      <ol className="mfa-steps">
        <li>
          <p>Scan this code with the app.</p>
          <QrCode url={setup.otpauthUrl} />
          <p className="small muted">
            Cannot scan? Enter this key in the app instead (time-based, 6 digits): <code className="secret-inline">{grouped(setup.secret)}</code>
          </p>
        </li>
        <li>
          <Field label="Code from the app" required error={codeError} hint="The 6 digits it shows for Readout now.">
            {(control) => (
              <input {...control} type="text" inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={code} onChange={(e) => setCode(e.target.value)} />
            )}
          </Field>
        </li>
      </ol>
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={enable.isPending}>
          Turn on two-factor authentication
        </Button>
        {onCancel ? <Button onClick={onCancel}>Cancel</Button> : null}
      </div>
    </form>
  );
}
