import { config } from 'zod/v4/mini';

// zod compiles fast object parsers with `new Function` after probing whether
// eval is allowed; the server's Content-Security-Policy forbids it, and the
// probe alone makes the browser log a CSP violation. Parse without it.
//
// The dashboard's build resolves every `from 'zod/mini'` (client and shared)
// to this module (vite.config.ts), so the switch is set before any schema is
// built: each schema's module imports this one, whichever chunk either lands in.
config({ jitless: true });

export * from 'zod/v4/mini';
