/**
 * The user's TrueClicks connection, kept in **user** properties: only this Google account can read it (document
 * and script properties are shared with every editor). Note that custom functions read the spreadsheet
 * owner's user properties, not the caller's (see the formulas issue).
 */
export interface StoredConnection {
  username: string;
  token: string;
  baseUrl: string;
  savedAt: string;
}

const KEY = 'trueclicks.connection';

export interface ConnectionStore {
  load(): StoredConnection | null;
  save(connection: StoredConnection): void;
  clear(): void;
}

export function userConnectionStore(properties: GoogleAppsScript.Properties.Properties = PropertiesService.getUserProperties()): ConnectionStore {
  return {
    load() {
      const raw = properties.getProperty(KEY);
      if (!raw) return null;
      try {
        const parsed = JSON.parse(raw) as StoredConnection;
        return parsed && parsed.username && parsed.token && parsed.baseUrl ? parsed : null;
      } catch (_corrupt) {
        return null;
      }
    },
    save(connection) {
      properties.setProperty(KEY, JSON.stringify(connection));
    },
    clear() {
      properties.deleteProperty(KEY);
    },
  };
}
