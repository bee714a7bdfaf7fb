'use strict';
/** The request log (`GET /__sandbox/requests`): what was asked, by whom, and the answer's status. Never the token. */

const MAX_LOG = 10000;

function recordRequest(state, ctx, status) {
  state.requestLog.push({
    method: ctx.req.method,
    path: ctx.req.url,
    username: ctx.auth.username,
    authorized: ctx.auth.authorized,
    status,
    at: new Date(ctx.started).toISOString(),
  });
  if (state.requestLog.length > MAX_LOG) state.requestLog.splice(0, state.requestLog.length - MAX_LOG);
}

module.exports = { recordRequest };
