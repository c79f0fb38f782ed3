import { useState } from 'react';
import { Alert } from '#client/components/ui/alert.tsx';
import { Dialog, stopSubmit } from '#client/components/ui/dialog.tsx';
import { Field } from '#client/components/ui/field.tsx';
import { FormActions } from '#client/components/ui/form-actions.tsx';
import { ShownOnceSecret } from '#client/components/ui/shown-once.tsx';
import { fieldErrors } from '#client/lib/field-errors.ts';
import { useFormErrors } from '#client/lib/use-form-errors.ts';
import { WebhookCreate } from '#shared/schemas/webhooks.ts';
import { useCreateWebhook } from '../api/webhooks.ts';

/** Takes a URL (and a secret, or makes one); then shows the secret, this once, with a copy button. */
export function NewWebhookDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const { errors, formError, setErrors, fail, clear } = useFormErrors();
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const create = useCreateWebhook();

  const close = () => {
    setUrl('');
    setSecret('');
    clear();
    setCreated(null);
    onClose();
  };

  const submit = () => {
    const parsed = WebhookCreate.safeParse({ url, ...(secret ? { secret } : {}) });
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      return;
    }
    clear();
    create.mutate(parsed.data, {
      onSuccess: (webhook) => setCreated({ url: webhook.url, secret: webhook.secret }),
      onError: fail,
    });
  };

  return (
    <Dialog open={open} title={created ? 'Copy the signing secret' : 'Add a webhook'} onClose={close}>
      {created ? (
        <ShownOnceSecret label={`Secret for ${created.url}`} secret={created.secret} copyLabel="Copy secret" onDone={close}>
          The receiver needs it to check the <code>Readout-Signature</code> header of each delivery (the README shows how). Readout cannot show it again; you can set a new one
          later.
        </ShownOnceSecret>
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
