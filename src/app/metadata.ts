/**
 * Fetching a service's $metadata. A service without one (404, 400, not EDMX) is allowed — types are then inferred
 * from values — but credentials, network and server trouble are errors: column types must not silently change
 * between two refreshes because $metadata failed once.
 */
import { isAddOnError } from '../core/errors';
import { ServiceMetadata, parseMetadata } from '../core/odata/metadata';
import { metadataUrl } from '../core/odata/query';
import { readServiceDocument } from '../core/odata/service-document';
import { HttpClient } from '../services/http';

const METADATA_OPTIONAL = ['NOT_FOUND', 'BAD_REQUEST', 'BAD_RESPONSE'];

export function fetchMetadata(client: HttpClient, baseUrl: string, cache: Record<string, ServiceMetadata | null> = {}): ServiceMetadata | null {
  if (!(baseUrl in cache)) {
    try {
      cache[baseUrl] = parseMetadata(client.getText(metadataUrl(baseUrl), 'application/xml'));
    } catch (e) {
      if (!isAddOnError(e) || METADATA_OPTIONAL.indexOf(e.code) < 0) throw e;
      cache[baseUrl] = null;
    }
  }
  return cache[baseUrl];
}

/**
 * Asked for JSON first; an XML (AtomPub) service document is read too. A service document neither form can
 * read falls back to the entity sets its $metadata declares.
 */
const SERVICE_DOCUMENT_ACCEPT = 'application/json;odata.metadata=minimal, application/json;q=0.9, application/atomsvc+xml;q=0.5, application/xml;q=0.4';

export function fetchEntitySets(client: HttpClient, baseUrl: string, cache: Record<string, ServiceMetadata | null> = {}): string[] {
  const body = client.getText(baseUrl, SERVICE_DOCUMENT_ACCEPT);
  try {
    return readServiceDocument(body, baseUrl);
  } catch (e) {
    if (!isAddOnError(e) || e.code !== 'BAD_RESPONSE') throw e;
    const metadata = fetchMetadata(client, baseUrl, cache);
    if (metadata && Object.keys(metadata.entitySets).length) return Object.keys(metadata.entitySets);
    throw e;
  }
}
