import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert } from '#client/components/ui/alert.tsx';
import { Button } from '#client/components/ui/button.tsx';
import { Dialog, stopSubmit } from '#client/components/ui/dialog.tsx';
import { Field } from '#client/components/ui/field.tsx';
import { FormActions } from '#client/components/ui/form-actions.tsx';
import { Loading } from '#client/components/ui/loading.tsx';
import { useFormErrors } from '#client/lib/use-form-errors.ts';
import { formatDate, formatDateTime } from '#client/lib/format.ts';
import { notify } from '#client/lib/notices.ts';
import { mfaQuery, useDisableMfa, useNewRecoveryCodes } from '../api/account.ts';
import { MfaEnrol } from './mfa-enrol.tsx';
import { RecoveryCodes } from './recovery-codes.tsx';
import { useReauth, wasCancelled } from './reauth.tsx';

type Mode = 'idle' | 'enrol' | 'codes';

/** Two-factor authentication: on or off, and what can be done about it. */
export function MfaPanel() {
  const status = useQuery(mfaQuery);
  const [mode, setMode] = useState<Mode>(() => 'idle');
  const [disabling, setDisabling] = useState(false);
  const [codes, setCodes] = useState<string[] | null>(null);
  const regenerate = useNewRecoveryCodes();
  const reauth = useReauth();

  if (status.isPending) return <Loading label="Loading two-factor status…" />;
  if (status.isError) return <Alert title="The two-factor status could not be loaded">{status.error.message}</Alert>;
  const mfa = status.data;

  const newCodes = () =>
    reauth
      .run(() => regenerate.mutateAsync())
      .then((result) => {
        setCodes(result.recoveryCodes);
        setMode('codes');
      })
      .catch((error: unknown) => {
        if (!wasCancelled(error)) notify(error instanceof Error ? error.message : 'No new codes.', 'error');
      });

  return (
    <section className="card account-card" aria-labelledby="mfa-title">
      <div className="card-head">
        <h2 id="mfa-title">Two-factor authentication</h2>
        <span className={`badge ${mfa.enabled ? 'badge-on' : 'badge-off'}`}>{mfa.enabled ? 'On' : 'Off'}</span>
      </div>
      {!mfa.enabled && mfa.required && mfa.graceEndsAt ? (
        <Alert tone="warning" title="Your account must use two-factor authentication">
          Set it up before {formatDateTime(mfa.graceEndsAt)}; after that, setting it up is all your account can do.
        </Alert>
      ) : null}
      <p className="section-intro">
        With two-factor authentication, logging in takes your password and a code from an app on your phone, which changes every 30 seconds. A stolen password alone is
        then not enough.
      </p>
      {mode === 'codes' && codes ? (
        <RecoveryCodes codes={codes} onDone={() => setMode('idle')} />
      ) : mode === 'enrol' || !mfa.enabled ? (
        <MfaEnrol
          replacing={mfa.enabled}
          onDone={() => {
            setMode('idle');
            notify('Two-factor authentication is on.', 'success');
          }}
          onCancel={mode === 'enrol' ? () => setMode('idle') : undefined}
        />
      ) : (
        <>
          <dl className="facts">
            <dt>On since</dt>
            <dd>{mfa.enabledAt ? formatDate(mfa.enabledAt) : '—'}</dd>
            <dt>Recovery codes left</dt>
            <dd>
              {mfa.recoveryCodesLeft} of 10{mfa.recoveryCodesLeft <= 3 ? <span className="badge badge-expired">Make new ones</span> : null}
            </dd>
          </dl>
          <div className="form-actions">
            <Button busy={regenerate.isPending} onClick={() => void newCodes()}>
              New recovery codes
            </Button>
            <Button onClick={() => setMode('enrol')}>Move to another phone</Button>
            {mfa.required ? null : (
              <Button variant="danger" onClick={() => setDisabling(true)}>
                Turn off
              </Button>
            )}
          </div>
          {mfa.required ? <p className="small muted">Your role must use two-factor authentication, so it cannot be turned off; you can move it to another phone.</p> : null}
        </>
      )}
      <DisableMfaDialog open={disabling} onClose={() => setDisabling(false)} />
      {reauth.dialog}
    </section>
  );
}

function DisableMfaDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [values, setValues] = useState({ password: '', code: '' });
  const { errors, formError, fail, clear } = useFormErrors();
  const disable = useDisableMfa();
  const close = () => {
    setValues({ password: '', code: '' });
    clear();
    onClose();
  };
  const submit = () =>
    disable.mutate(values, {
      onSuccess: () => {
        notify('Two-factor authentication is off.', 'success');
        close();
      },
      onError: fail,
    });
  return (
    <Dialog open={open} title="Turn off two-factor authentication?" description="Your password alone will log you in again. Your other sessions end." onClose={close}>
      <form className="dialog-form" onSubmit={stopSubmit(submit)} noValidate>
        {formError ? <Alert>{formError}</Alert> : null}
        <Field label="Your password" required error={errors.password}>
          {(control) => <input {...control} type="password" autoComplete="current-password" autoFocus value={values.password} onChange={(e) => setValues((v) => ({ ...v, password: e.target.value }))} />}
        </Field>
        <Field label="Code from the app" required error={errors.code} hint="Or one of your recovery codes.">
          {(control) => <input {...control} type="text" inputMode="numeric" autoComplete="one-time-code" value={values.code} onChange={(e) => setValues((v) => ({ ...v, code: e.target.value }))} />}
        </Field>
        <FormActions submitLabel="Turn off" busy={disable.isPending} onCancel={close} />
      </form>
    </Dialog>
  );
}
