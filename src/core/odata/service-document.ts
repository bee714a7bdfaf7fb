/**
 * The entity sets a service lists in its service document (the base URL): v4 `{ value: [{ name, kind, url }] }`,
 * v3 `{ value: [{ name, url }] }`, v2 `{ d: { EntitySets: [...] } }`.
 */
import { AddOnError } from '../errors';

export function readEntitySets(body: unknown): string[] {
  const o = body && typeof body === 'object' ? (body as Record<string, unknown>) : null;
  if (o && Array.isArray(o.value)) {
    return (o.value as Array<Record<string, unknown>>)
      .filter((e) => e && typeof e.name === 'string' && (e.kind === undefined || e.kind === 'EntitySet'))
      .map((e) => String(e.url || e.name));
  }
  const d = o && o.d && typeof o.d === 'object' ? (o.d as Record<string, unknown>) : null;
  if (d && Array.isArray(d.EntitySets)) return (d.EntitySets as unknown[]).filter((n) => typeof n === 'string') as string[];
  throw new AddOnError('BAD_RESPONSE', 'The API base URL does not answer with an OData service document. Check the base URL in the connection settings.');
}
