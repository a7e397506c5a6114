import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { validateEventType, type EventTypeDeclaration } from './event-type';

/** An entry of the catalog file: a declaration, and whether its schema change may be breaking. */
export type CatalogFileEntry = EventTypeDeclaration & { breaking: boolean };

/**
 * Reads `HOOKLINE_EVENT_CATALOG` (JSON or YAML): either a list of entries or
 * `{ event_types: [...] }`, each `{ type, group?, name?, description?, schema?, schema_mode?, breaking? }`.
 * A bad file stops the start with a message naming the entry.
 */
export async function loadCatalogFile(path: string): Promise<CatalogFileEntry[]> {
  const text = await readFile(path, 'utf8');
  let document: unknown;
  try {
    document = /\.json$/i.test(path) ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new Error(`HOOKLINE_EVENT_CATALOG ${path}: not valid ${/\.json$/i.test(path) ? 'JSON' : 'YAML'}: ${String(error)}`);
  }
  const list = Array.isArray(document) ? document : (document as { event_types?: unknown } | null)?.event_types;
  if (!Array.isArray(list)) throw new Error(`HOOKLINE_EVENT_CATALOG ${path}: expected a list or { event_types: [...] }`);
  return list.map((entry, i) => {
    try {
      return { ...validateEventType(entry as Parameters<typeof validateEventType>[0]), breaking: (entry as { breaking?: unknown }).breaking === true };
    } catch (error) {
      throw new Error(`HOOKLINE_EVENT_CATALOG ${path}: entry ${i}: ${(error as Error).message}`);
    }
  });
}
