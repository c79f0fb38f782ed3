import { describe, expect, it } from 'vitest';
import { Ministry } from '#shared/schemas/ministries.ts';
import { bodyAs, createTestApp, expectProblem } from '../support/app.ts';

// Before: "MFA \u202EaissuR" showed as "MFA Russia" reversed and look-alike names could hide zero-width characters.
describe('names and titles', async () => {
  const t = await createTestApp();
  const analyst = await t.createUser('analyst');
  const admin = await t.createUser('admin');
  const ministry = await bodyAs(await analyst.request('/api/ministries', { method: 'POST', json: { name: 'Ministry of Foreign Affairs', shortName: 'MFA', country: 'FR' } }), Ministry);

  it.each([
    ['a right-to-left override', 'MFA \u202Eaissur'],
    ['a left-to-right isolate', 'MFA \u2066Russia\u2069'],
    ['an Arabic letter mark', 'MFA\u061C Russia'],
    ['a zero-width space', 'MFA Ru\u200Bssia'],
    ['a zero-width joiner between Latin letters', 'MFA Ru\u200Dssia'],
    ['a byte-order mark', 'MFA\uFEFF Russia'],
    ['a soft hyphen', 'MFA Rus\u00ADsia'],
    ['an invisible tag character', 'MFA Russia\u{E0041}'],
  ])('are refused with %s (422 naming the field)', async (_, text) => {
    await expectProblem(await analyst.request('/api/ministries', { method: 'POST', json: { name: text, shortName: 'X', country: 'RU' } }), 422, ['name']);
    await expectProblem(await analyst.request(`/api/ministries/${ministry.id}`, { method: 'PATCH', json: { shortName: text } }), 422, ['shortName']);
    await expectProblem(await analyst.request('/api/officials', { method: 'POST', json: { name: 'Sergey Lavrov', title: text, ministryId: ministry.id, timeZone: 'Europe/Moscow' } }), 422, ['title']);
    await expectProblem(await admin.request('/api/users', { method: 'POST', json: { username: 'spoof', password: 'a decent passphrase', displayName: text, role: 'viewer' } }), 422, ['displayName']);
  });

  it('are stored in Unicode NFC, so one name is one name however it was typed', async () => {
    const decomposed = 'Ministe\u0300re de l\u2019Europe';
    const made = await bodyAs(await analyst.request('/api/ministries', { method: 'POST', json: { name: decomposed, shortName: 'MEAE', country: 'FR' } }), Ministry);
    expect(made.name).toBe('Ministère de l’Europe');
    expect(made.name).toBe(made.name.normalize('NFC'));
    await expectProblem(await analyst.request('/api/ministries', { method: 'POST', json: { name: 'Ministère de l’Europe', shortName: 'MEAE', country: 'FR' } }), 409);
  });

  it('keep the joiners that Persian and Indic scripts need', async () => {
    const persian = 'وزارت امور خارجه\u200Cی ایران';
    const made = await bodyAs(await analyst.request('/api/ministries', { method: 'POST', json: { name: persian, shortName: 'MFA Iran', country: 'IR' } }), Ministry);
    expect(made.name).toBe(persian);
    const hindi = 'विदेश मंत्रालय क्\u200Dष';
    expect((await analyst.request('/api/ministries', { method: 'POST', json: { name: hindi, shortName: 'MEA', country: 'IN' } })).status).toBe(201);
  });
});
