import { describe, expect, it } from 'vitest';
import { Password } from '#shared/schemas/users.ts';
import { temporaryPassword } from './temporary-password.ts';

describe('temporaryPassword', () => {
  it('makes four groups of four unambiguous characters that pass the password rules', () => {
    const password = temporaryPassword();
    expect(password).toMatch(/^[a-hj-km-np-z2-9]{4}(-[a-hj-km-np-z2-9]{4}){3}$/);
    expect(Password.safeParse(password).success).toBe(true);
    expect(temporaryPassword()).not.toBe(password);
  });
});
