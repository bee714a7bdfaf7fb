/**
 * Fetching a service's $metadata. A service without one (404, 400, not EDMX) is allowed — types are then inferred
 * from values — but credentials, network and server trouble are errors: column types must not silently change
 * between two refreshes because $metadata failed once.
 */
import { isAddOnError } from '../core/errors';
import { ServiceMetadata, parseMetadata } from '../core/odata/metadata';
import { metadataUrl } from '../core/odata/query';
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
