'use strict';
/** The REST check output tables: `CheckOutputTable?accountId=…&ruleKey=…`, in the shape config.checkTableShape names. */
const { getParam } = require('./odata');
const { checkOutputRows, RULES } = require('./data');
const { CORPUS_RULE_KEY } = require('./corpus');
const { sendJson } = require('./respond');
const { drifted } = require('./shapes');

const restError = (ctx, status, code, message) => sendJson(ctx, status, { error: { code, message } });

/** Why the parameters are refused: [status, code, message], or null. */
function parameterProblem(ctx) {
  const accountId = getParam(ctx.params, 'accountId');
  const ruleKey = getParam(ctx.params, 'ruleKey');
  if (accountId === undefined || accountId === '') return [400, 'MissingParameter', "Missing required query parameter 'accountId'"];
  if (ruleKey === undefined || ruleKey === '') return [400, 'MissingParameter', "Missing required query parameter 'ruleKey'"];
  if (!/^\d+$/.test(accountId)) return [400, 'InvalidParameter', `Invalid accountId '${accountId}': expected an integer`];
  if (!RULES.some((r) => r.key === ruleKey) && ruleKey !== CORPUS_RULE_KEY) return [404, 'UnknownRuleKey', `Unknown ruleKey '${ruleKey}'`];
  if (!ctx.state.data.accountsById.get(Number(accountId))) return [404, 'UnknownAccount', `Unknown accountId '${accountId}'`];
  return null;
}

function checkTable(ctx) {
  const problem = parameterProblem(ctx);
  if (problem) return restError(ctx, ...problem);
  const { config, data, checkTableCorpus } = ctx.state;
  const ruleKey = getParam(ctx.params, 'ruleKey');
  if (ruleKey === CORPUS_RULE_KEY) {
    // The REST corpus, byte for byte (raw number tokens stay exactly as written), for every account.
    const t = checkTableCorpus.text;
    const body = config.checkTableShape === 'value' ? `{"value":${t}}` : config.checkTableShape === 'data' ? `{"data":${t}}` : t;
    return sendJson(ctx, 200, body);
  }
  const rule = RULES.find((r) => r.key === ruleKey);
  if (!rule.table) return restError(ctx, 404, 'NoOutputTable', `Check '${ruleKey}' has no output table`);
  const account = data.accountsById.get(Number(getParam(ctx.params, 'accountId')));
  const rows = drifted(config.drift, checkOutputRows(account, ruleKey));
  const shaped = config.checkTableShape === 'value' ? { value: rows } : config.checkTableShape === 'data' ? { data: rows } : rows;
  return sendJson(ctx, 200, JSON.stringify(shaped));
}

module.exports = { checkTable };
