import { z } from 'zod';

// zod compiles fast object parsers with `new Function` after probing whether
// eval is allowed; the server's Content-Security-Policy forbids it, and the
// probe alone makes the browser log a CSP violation. Parse without it.
z.config({ jitless: true });
