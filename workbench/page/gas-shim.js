/*
 * The workbench's stand-in for HtmlService's client API, put in front of the real dist/sidebar.html.
 * Like Apps Script, google.script.run has one method per top-level server function (names ending in `_`
 * excluded), calls are asynchronous, arguments must be JSON-safe, and the failure handler gets an Error
 * whose message is the server's message. Each call is POSTed to the workbench, which runs it in dist/Code.js.
 */
(function () {
  'use strict';
  var FUNCTIONS = window.__WORKBENCH_FUNCTIONS__ || [];

  function illegal(value, where) {
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return null;
    if (typeof value === 'number') return isFinite(value) ? null : where;
    if (Array.isArray(value)) {
      for (var i = 0; i < value.length; i++) {
        var bad = illegal(value[i], where + '.' + i);
        if (bad) return bad;
      }
      return null;
    }
    if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      for (var k in value) {
        if (!Object.prototype.hasOwnProperty.call(value, k) || value[k] === undefined) continue;
        var badKey = illegal(value[k], where + '.' + k);
        if (badKey) return badKey;
      }
      return null;
    }
    return where;
  }

  function later(fn) {
    setTimeout(fn, 0);
  }

  function invoke(name, args, handlers) {
    var bad = illegal(args, 'arguments');
    if (bad) throw new Error('Failed due to illegal value in property: ' + bad.replace(/^arguments\./, ''));
    var fail = function (message) {
      var error = new Error(message);
      if (handlers.failure) later(function () { handlers.failure(error, handlers.userObject); });
      else later(function () { throw error; });
    };
    fetch('/rpc/' + encodeURIComponent(name), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ args: args }),
    })
      .then(function (r) { return r.json(); })
      .then(function (answer) {
        if (answer.ok) {
          if (handlers.success) handlers.success(answer.value, handlers.userObject);
        } else fail(answer.error && answer.error.message ? answer.error.message : 'Unknown error');
      }, function () {
        fail('NetworkError: Connection failure due to HTTP 0');
      });
  }

  function makeRunner(handlers) {
    var runner = {
      withSuccessHandler: function (fn) { return makeRunner({ success: fn, failure: handlers.failure, userObject: handlers.userObject }); },
      withFailureHandler: function (fn) { return makeRunner({ success: handlers.success, failure: fn, userObject: handlers.userObject }); },
      withUserObject: function (o) { return makeRunner({ success: handlers.success, failure: handlers.failure, userObject: o }); },
    };
    FUNCTIONS.forEach(function (name) {
      runner[name] = function () {
        invoke(name, Array.prototype.slice.call(arguments), handlers);
      };
    });
    return runner;
  }

  function toParent(message) {
    if (window.parent && window.parent !== window) window.parent.postMessage(message, window.location.origin);
  }

  window.google = {
    script: {
      run: makeRunner({}),
      host: {
        origin: window.location.origin,
        close: function () { toParent({ type: 'workbench:close-sidebar' }); },
        setHeight: function () {},
        setWidth: function () {},
        editor: { focus: function () { toParent({ type: 'workbench:focus-editor' }); } },
      },
    },
  };
})();
