import { z } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// The shared schemas are written with zod/mini: the same parser as zod's
// chained API (zod/v4/core), in functions a bundler can leave out when the
// dashboard does not call them (about 14 KB less gzip for the first page).
// Without a locale zod/mini says only "Invalid input"; these are the English
// messages zod's classic API gives, which the API and the forms show.
z.config(en());

/**
 * A copy of `schema` with `metadata` (a description, an example, an OpenAPI
 * component id) in zod's global registry, as zod's classic `.meta()` does:
 * the schema it is called on keeps its own. The dashboard's build leaves
 * these calls out (scripts/strip-schema-meta.ts); only the OpenAPI document reads them.
 */
export function meta<T extends z.ZodMiniType>(schema: T, metadata: z.core.GlobalMeta): T {
  const copy = schema.clone() as T;
  z.globalRegistry.add(copy, metadata);
  return copy;
}

export { z };
