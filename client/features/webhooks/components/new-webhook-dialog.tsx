import { type ReactNode, useState } from 'react';
import { Alert } from '#client/components/ui/alert.tsx';
import { Button } from '#client/components/ui/button.tsx';
import { Dialog, stopSubmit } from '#client/components/ui/dialog.tsx';
import { Field } from '#client/components/ui/field.tsx';
import { FormActions } from '#client/components/ui/form-actions.tsx';
import { type FieldErrors, fieldErrors, saveFailure } from '#client/lib/field-errors.ts';
import { WebhookCreate } from '#shared/schemas/webhooks.ts';
import { useCreateWebhook } from '../api/webhooks.ts';

/** Takes a URL (and a secret, or makes one); then shows the secret, this once, with a copy button. */
export function NewWebhookDialog({ open, onClose, renderCopy }: { open: boolean; onClose: () => void; renderCopy: (text: string) => ReactNode }) {
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const create = useCreateWebhook();

  const close = () => {
    setUrl('');
    setSecret('');
    setErrors({});
    setFormError(null);
    setCreated(null);
    onClose();
  };

  const submit = () => {
    const parsed = WebhookCreate.safeParse({ url, ...(secret ? { secret } : {}) });
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      return;
    }
    setErrors({});
    setFormError(null);
    create.mutate(parsed.data, {
      onSuccess: (webhook) => setCreated({ url: webhook.url, secret: webhook.secret }),
      onError: (error) => {
        const failure = saveFailure(error);
        setErrors(failure.errors);
        setFormError(failure.formError);
      },
    });
  };

  return (
    <Dialog open={open} title={created ? 'Copy the signing secret' : 'Add a webhook'} onClose={close}>
      {created ? (
        <div className="token-secret">
          <Alert tone="warning" title="Shown this once">
            The receiver needs it to check the <code>Readout-Signature</code> header of each delivery (the README shows how). Readout cannot show it again; you can set a new
            one later.
          </Alert>
          <p className="token-secret-label break-anywhere" id="webhook-secret-label">
            Secret for {created.url}
          </p>
          <div className="secret-row">
            <code className="secret-value" aria-labelledby="webhook-secret-label">
              {created.secret}
            </code>
            {renderCopy(created.secret)}
          </div>
          <div className="form-actions">
            <Button variant="primary" onClick={close}>
              Done
            </Button>
          </div>
        </div>
      ) : (
        <form className="dialog-form" onSubmit={stopSubmit(submit)} noValidate>
          {formError ? <Alert>{formError}</Alert> : null}
          <Field label="URL" required error={errors.url} hint="Where alerts are POSTed, e.g. https://hooks.example.org/readout. Private addresses are refused unless the server allows them.">
            {(control) => <input {...control} type="url" inputMode="url" autoFocus maxLength={2048} value={url} onChange={(e) => setUrl(e.target.value)} />}
          </Field>
          <Field label="Signing secret" error={errors.secret} hint="Leave it empty and Readout makes a strong one. At least 16 characters, no spaces.">
            {(control) => <input {...control} type="text" autoComplete="off" spellCheck={false} maxLength={256} value={secret} onChange={(e) => setSecret(e.target.value)} />}
          </Field>
          <FormActions submitLabel="Add webhook" busy={create.isPending} onCancel={close} />
        </form>
      )}
    </Dialog>
  );
}
