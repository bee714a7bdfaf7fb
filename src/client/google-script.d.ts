/**
 * The client half of Apps Script's HtmlService API that the sidebar uses (google.script.run / host). Declared
 * here rather than taken from @types/google-apps-script so the client sees no server globals, and the server
 * (tsconfig.json) sees no DOM.
 */
declare namespace GoogleScriptClient {
  interface Runner {
    withSuccessHandler(handler: (value: unknown, userObject?: unknown) => void): Runner;
    withFailureHandler(handler: (error: unknown, userObject?: unknown) => void): Runner;
    withUserObject(userObject: unknown): Runner;
    /** One method per top-level function of the deployed script (except names ending in `_`). */
    [serverFunction: string]: unknown;
  }
  interface Host {
    close(): void;
    editor: { focus(): void };
  }
}

interface Window {
  google?: { script?: { run?: GoogleScriptClient.Runner; host?: GoogleScriptClient.Host } };
}
