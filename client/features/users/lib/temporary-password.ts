// No look-alikes (0/o, 1/l/i), so it can be read out over the phone.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A random first-login password: four groups of four (about 79 bits), e.g. "kx7q-mp3r-9tzw-h2fd". */
export function temporaryPassword(random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): string {
  const bytes = random(16);
  const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]!).join('');
  return chars.match(/.{4}/g)!.join('-');
}
