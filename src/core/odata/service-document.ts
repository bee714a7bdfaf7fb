/**
 * The entity sets a service lists in its service document (the base URL): v4 `{ value: [{ name, kind, url }] }`,
 * v3 `{ value: [{ name, url }] }`, v2 `{ d: { EntitySets: [...] } }`, and the XML (AtomPub) form that some OData
 * servers send unless JSON is asked for: `<service><workspace><collection href="Accounts">…`.
 */
import { AddOnError } from '../errors';
import { looksLikeHtml, notJsonError } from '../http-errors';

const NOT_A_SERVICE_DOCUMENT = 'The API base URL does not answer with an OData service document. Check the base URL in the connection settings.';

export function readEntitySets(body: unknown): string[] {
  const o = body && typeof body === 'object' ? (body as Record<string, unknown>) : null;
  if (o && Array.isArray(o.value)) {
    return (o.value as Array<Record<string, unknown>>)
      .filter((e) => e && typeof e.name === 'string' && (e.kind === undefined || e.kind === 'EntitySet'))
      .map((e) => String(e.url || e.name));
  }
  const d = o && o.d && typeof o.d === 'object' ? (o.d as Record<string, unknown>) : null;
  if (d && Array.isArray(d.EntitySets)) return (d.EntitySets as unknown[]).filter((n) => typeof n === 'string') as string[];
  throw new AddOnError('BAD_RESPONSE', NOT_A_SERVICE_DOCUMENT);
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_m, name: string) => XML_ENTITIES[name]);
}

/** Entity sets of an AtomPub service document: the href of every collection. */
function readXmlServiceDocument(xml: string): string[] {
  if (!/<(?:[\w.-]+:)?service\b/.test(xml)) throw new AddOnError('BAD_RESPONSE', NOT_A_SERVICE_DOCUMENT);
  const out: string[] = [];
  const collection = /<(?:[\w.-]+:)?collection\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (let m = collection.exec(xml); m; m = collection.exec(xml)) {
    const href = decodeXml(m[1] !== undefined ? m[1] : m[2]).trim();
    if (href && out.indexOf(href) < 0) out.push(href);
  }
  return out;
}

/** The entity sets of a service document's body, JSON or XML. */
export function readServiceDocument(body: string, url: string): string[] {
  const text = body.replace(/^\uFEFF/, '').trim();
  if (looksLikeHtml(text)) throw notJsonError(url, text);
  if (text.charAt(0) === '<') return readXmlServiceDocument(text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (_notJson) {
    throw notJsonError(url, text);
  }
  return readEntitySets(parsed);
}
