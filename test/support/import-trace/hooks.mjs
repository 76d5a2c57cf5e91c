// Module resolve hook: appends every module URL the process resolves to $IMPORT_TRACE_LOG,
// so a test can see what a CLI command really loads (dynamic imports included).
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (process.env.IMPORT_TRACE_LOG) appendFileSync(process.env.IMPORT_TRACE_LOG, `${resolved.url}\n`);
  return resolved;
}
