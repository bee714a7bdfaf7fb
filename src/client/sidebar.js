/* Sidebar client. Every server call goes through call(): busy state, and errors shown in place. */
(function () {
  'use strict';

  function $(id) { return document.getElementById(id); }

  /** Promise wrapper around google.script.run; only JSON-safe values cross. */
  function call(name) {
    var args = Array.prototype.slice.call(arguments, 1);
    return new Promise(function (resolve, reject) {
      var runner = google.script.run.withSuccessHandler(resolve).withFailureHandler(function (err) {
        reject(new Error(err && err.message ? err.message : String(err)));
      });
      runner[name].apply(runner, args);
    });
  }

  function show(el, text, kind) {
    el.textContent = text;
    el.className = 'result' + (kind ? ' ' + kind : '');
  }

  /** Disables a form's buttons while a call runs. */
  function busy(form, on) {
    var buttons = form.querySelectorAll('button');
    for (var i = 0; i < buttons.length; i++) buttons[i].disabled = on;
    form.setAttribute('aria-busy', on ? 'true' : 'false');
  }

  function renderStatus(status) {
    var c = status.connection;
    $('connection-state').textContent = c.connected ? 'Connected as ' + c.username + ' (' + c.baseUrl + ')' : 'Not connected.';
    if (c.connected) { $('username').value = c.username; $('baseUrl').value = c.baseUrl; }
    var list = $('imports');
    list.textContent = '';
    if (!status.imports.length) {
      var empty = document.createElement('li');
      empty.className = 'muted';
      empty.textContent = 'No imports yet.';
      list.appendChild(empty);
    }
    status.imports.forEach(function (imp) {
      var li = document.createElement('li');
      var title = document.createElement('div');
      title.textContent = imp.sheetName + ' — ' + imp.datasetTitle;
      var meta = document.createElement('div');
      meta.className = 'muted';
      meta.textContent = imp.lastSuccess ? imp.rows + ' rows, ' + new Date(imp.lastSuccess).toLocaleString() : 'never imported';
      li.appendChild(title);
      li.appendChild(meta);
      if (imp.truncated) {
        var warn = document.createElement('div');
        warn.className = 'error';
        warn.textContent = 'Incomplete: ' + imp.truncated;
        li.appendChild(warn);
      }
      if (imp.lastError) {
        var err = document.createElement('div');
        err.className = 'error';
        err.textContent = imp.lastError.message;
        li.appendChild(err);
      }
      list.appendChild(li);
    });
  }

  function refreshStatus() {
    return call('getStatus').then(renderStatus).catch(function (e) { $('connection-state').textContent = e.message; });
  }

  $('connect-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var form = ev.target;
    busy(form, true);
    show($('connect-result'), 'Saving…');
    call('saveConnection', { username: $('username').value, token: $('token').value, baseUrl: $('baseUrl').value })
      .then(function () { $('token').value = ''; show($('connect-result'), 'Testing…'); return call('testConnection'); })
      .then(function (r) { show($('connect-result'), r.message, r.ok ? 'ok' : 'error'); return refreshStatus(); })
      .catch(function (e) { show($('connect-result'), e.message, 'error'); })
      .then(function () { busy(form, false); });
  });

  $('disconnect').addEventListener('click', function () {
    call('disconnect').then(function () { show($('connect-result'), 'Disconnected. Your token was removed.', 'ok'); return refreshStatus(); })
      .catch(function (e) { show($('connect-result'), e.message, 'error'); });
  });

  $('import-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var form = ev.target;
    busy(form, true);
    show($('import-result'), 'Importing…');
    var params = {
      dataset: $('dataset').value, columns: $('columns').value, filter: $('filter').value, orderby: $('orderby').value,
      top: $('top').value, sheetName: $('sheetName').value, overwrite: $('overwrite').checked
    };
    call('importDataset', params)
      .then(function (r) {
        show($('import-result'), 'Imported ' + r.rows + ' rows × ' + r.columns + ' columns into "' + r.sheetName + '".' + (r.truncated ? ' ' + r.truncated : ''), 'ok');
        return refreshStatus();
      })
      .catch(function (e) { show($('import-result'), e.message, 'error'); })
      .then(function () { busy(form, false); });
  });

  $('refresh-all').addEventListener('click', function () {
    show($('refresh-result'), 'Refreshing…');
    call('refreshAll')
      .then(function (s) {
        var truncated = s.outcomes.filter(function (o) { return o.truncated; }).length;
        show($('refresh-result'), 'Refreshed ' + s.refreshed + ' of ' + s.outcomes.length + '.' + (s.failed ? ' ' + s.failed + ' failed.' : '') +
          (s.skipped ? ' ' + s.skipped + ' skipped for lack of time.' : '') + (truncated ? ' ' + truncated + ' incomplete.' : ''), s.failed ? 'error' : 'ok');
        return refreshStatus();
      })
      .catch(function (e) { show($('refresh-result'), e.message, 'error'); });
  });

  call('listDatasets').then(function (datasets) {
    var list = $('dataset-list');
    datasets.forEach(function (d) {
      var o = document.createElement('option');
      o.value = d.key; o.textContent = d.title + ' — ' + d.description;
      list.appendChild(o);
    });
    if (!$('dataset').value && datasets.length) $('dataset').value = datasets[0].key;
  });
  refreshStatus();
})();
