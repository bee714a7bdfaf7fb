/*
 * The workbench page: shows the fake spreadsheet (tabs, cells with their display values, types, formats and
 * notes, frozen rows) and the add-on's menu, alerts and toasts, kept current by long-polling the workbench.
 * The sidebar itself is the real dist/sidebar.html in an iframe.
 */
(function () {
  'use strict';

  var $ = function (id) { return document.getElementById(id); };
  var state = { version: 0, viewVersion: 0, view: null, selected: null, lastActive: null, shown: { alerts: 0, toasts: 0, sidebars: 0, dialogs: 0 }, cell: null };

  function text(el, value) { el.textContent = value; }

  function columnName(n) {
    var s = '';
    while (n > 0) { var m = (n - 1) % 26; s = String.fromCharCode(65 + m) + s; n = Math.floor((n - 1) / 26); }
    return s;
  }

  function count(n) { return Number(n).toLocaleString('en-US'); }

  // ---- credentials and sandbox controls ----

  function loadState() {
    return fetch('/api/state').then(function (r) { return r.json(); }).then(function (s) {
      text($('cred-username'), s.sandbox.username);
      text($('cred-token'), s.sandbox.token);
      text($('cred-baseurl'), s.sandbox.odataUrl);
      state.sandbox = s.sandbox;
    });
  }

  document.querySelectorAll('button.copy').forEach(function (b) {
    b.addEventListener('click', function () {
      var value = $(b.getAttribute('data-copy')).textContent;
      var done = function () { var old = b.textContent; b.textContent = 'Copied'; setTimeout(function () { b.textContent = old; }, 1200); };
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(value).then(done, done);
      else done();
    });
  });

  $('fill-sidebar').addEventListener('click', function () {
    var doc = $('sidebar-frame').contentDocument;
    if (!doc || !state.sandbox) return;
    var set = function (id, value) {
      var input = doc.getElementById(id);
      if (!input) return;
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    };
    var connect = doc.getElementById('connect');
    if (connect) connect.open = true;
    var advanced = doc.getElementById('advanced');
    if (advanced) advanced.open = true;
    set('username', state.sandbox.username);
    set('token', state.sandbox.token);
    set('baseUrl', state.sandbox.odataUrl);
    var save = doc.getElementById('save-connection');
    if (save) save.focus();
  });

  fetch('/api/sandbox/config').then(function (r) { return r.json(); }).then(function (c) {
    if (c && typeof c.latencyMs === 'number') $('latency').value = c.latencyMs;
  }).catch(function () {});

  $('latency-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var ms = Math.max(0, Math.round(Number($('latency').value) || 0));
    fetch('/api/sandbox/config', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ latencyMs: ms }) })
      .then(function (r) { return r.json(); })
      .then(function (c) { text($('latency-result'), 'Now ' + c.latencyMs + ' ms per request.'); })
      .catch(function (e) { text($('latency-result'), 'Could not change it: ' + e.message); });
  });

  // ---- menu (Extensions → add-on menu, as built by onOpen) ----

  var menuButton = $('menu-extensions');
  var menuList = $('menu-extensions-list');

  function closeMenu() {
    menuList.hidden = true;
    menuButton.setAttribute('aria-expanded', 'false');
  }

  function renderMenu(menus) {
    menuList.textContent = '';
    if (!menus.length) {
      var none = document.createElement('div');
      none.className = 'menu-heading';
      none.textContent = 'No add-on menu (onOpen has not built one).';
      menuList.appendChild(none);
    }
    menus.forEach(function (menu) {
      var heading = document.createElement('div');
      heading.className = 'menu-heading';
      heading.textContent = menu.name;
      menuList.appendChild(heading);
      menu.items.forEach(function (item) {
        if (item.separator) { menuList.appendChild(document.createElement('hr')); return; }
        var b = document.createElement('button');
        b.type = 'button';
        b.setAttribute('role', 'menuitem');
        b.textContent = item.label;
        b.addEventListener('click', function () {
          closeMenu();
          fetch('/api/menu', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ functionName: item.functionName }) })
            .then(function (r) { return r.json(); })
            .then(function (a) { if (!a.ok) showAlert('Error', a.error.message); });
        });
        menuList.appendChild(b);
      });
    });
  }

  menuButton.addEventListener('click', function () {
    var open = menuList.hidden;
    menuList.hidden = !open;
    menuButton.setAttribute('aria-expanded', String(open));
    if (open) { var first = menuList.querySelector('[role=menuitem]'); if (first) first.focus(); }
  });
  menuList.addEventListener('keydown', function (ev) {
    var items = Array.prototype.slice.call(menuList.querySelectorAll('[role=menuitem]'));
    var i = items.indexOf(document.activeElement);
    if (ev.key === 'Escape') { closeMenu(); menuButton.focus(); }
    else if (ev.key === 'ArrowDown' && items.length) { ev.preventDefault(); items[(i + 1) % items.length].focus(); }
    else if (ev.key === 'ArrowUp' && items.length) { ev.preventDefault(); items[(i - 1 + items.length) % items.length].focus(); }
  });
  document.addEventListener('click', function (ev) {
    if (!menuList.hidden && !menuList.contains(ev.target) && ev.target !== menuButton) closeMenu();
  });

  // ---- sidebar panel, alerts, toasts ----

  function openSidebar(title, reload) {
    $('sidebar-panel').hidden = false;
    if (title) text($('sidebar-title'), title);
    if (reload) $('sidebar-frame').src = '/sidebar';
  }
  $('sidebar-close').addEventListener('click', function () { $('sidebar-panel').hidden = true; });
  window.addEventListener('message', function (ev) {
    if (ev.origin !== window.location.origin || !ev.data) return;
    if (ev.data.type === 'workbench:close-sidebar') $('sidebar-panel').hidden = true;
    if (ev.data.type === 'workbench:focus-editor') $('grid-wrap').focus();
  });

  var alertQueue = [];
  function showAlert(title, message) {
    alertQueue.push([title, message]);
    var dialog = $('alert');
    if (!dialog.open) nextAlert();
  }
  function nextAlert() {
    var next = alertQueue.shift();
    if (!next) return;
    text($('alert-title'), next[0] || 'TrueClicks');
    text($('alert-text'), next[1]);
    $('alert').showModal();
  }
  $('alert').addEventListener('close', nextAlert);

  /** A modal dialog of the add-on (showModalDialog), its HTML in a sandboxed frame, like Apps Script's iframe. */
  function showDialog(d) {
    var box = $('addon-dialog');
    text($('addon-dialog-title'), d.title || 'TrueClicks');
    var frame = $('addon-dialog-frame');
    frame.style.width = Math.min(d.width || 600, window.innerWidth - 80) + 'px';
    frame.style.height = Math.min(d.height || 400, window.innerHeight - 160) + 'px';
    frame.srcdoc = d.html || '';
    if (!box.open) box.showModal();
  }

  var toastTimer;
  function showToast(t) {
    var box = $('toast');
    box.textContent = (t.title ? t.title + ': ' : '') + t.message;
    box.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { box.hidden = true; }, 5000);
  }

  function describeTrigger(t) {
    var s = t.schedule || {};
    var at = typeof s.atHour === 'number' ? ' at ' + String(s.atHour).padStart(2, '0') + ':00' : '';
    if (s.everyHours) return 'every ' + (s.everyHours === 1 ? 'hour' : s.everyHours + ' hours');
    if (s.everyMinutes) return 'every ' + s.everyMinutes + ' minutes';
    if (s.onWeekDay) return 'every ' + String(s.onWeekDay).toLowerCase() + at;
    if (s.everyWeeks) return 'every ' + (s.everyWeeks === 1 ? 'week' : s.everyWeeks + ' weeks') + at;
    if (s.everyDays) return 'every ' + (s.everyDays === 1 ? 'day' : s.everyDays + ' days') + at;
    return t.eventType.toLowerCase();
  }

  var triggersKey = '';
  function renderTriggers(triggers) {
    var key = JSON.stringify(triggers);
    if (key === triggersKey) return;
    triggersKey = key;
    var box = $('triggers');
    box.textContent = '';
    var label = document.createElement('span');
    label.textContent = triggers.length ? 'Triggers:' : 'Triggers: none (set a schedule in the sidebar)';
    box.appendChild(label);
    triggers.forEach(function (t) {
      var item = document.createElement('span');
      item.textContent = t.handler + ', ' + describeTrigger(t) + (t.schedule && t.schedule.timeZone ? ' (' + t.schedule.timeZone + ')' : '');
      var run = document.createElement('button');
      run.type = 'button';
      run.textContent = 'Run now';
      run.setAttribute('aria-label', 'Run the trigger ' + t.handler + ' now, as Apps Script would at its time');
      run.addEventListener('click', function () {
        fetch('/api/trigger', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id: t.id }) })
          .then(function (r) { return r.json(); })
          .then(function (a) { showToast({ title: t.handler, message: a.ok ? "ran. Open the sidebar's Schedule section to see its outcome." : a.error.message }); });
      });
      item.appendChild(document.createTextNode(' '));
      item.appendChild(run);
      box.appendChild(item);
    });
  }

  function absorbUi(ui) {
    renderMenu(ui.menus);
    renderTriggers(ui.triggers || []);
    ui.alerts.slice(state.shown.alerts).forEach(function (a) { showAlert(a.title, a.prompt); });
    ui.toasts.slice(state.shown.toasts).forEach(showToast);
    if (state.version > 0) ui.dialogs.slice(state.shown.dialogs).forEach(showDialog);
    state.shown.dialogs = ui.dialogs.length;
    var sidebars = ui.sidebars.slice(state.shown.sidebars);
    if (sidebars.length && state.version > 0) openSidebar(sidebars[sidebars.length - 1].title, true);
    state.shown.alerts = ui.alerts.length;
    state.shown.toasts = ui.toasts.length;
    state.shown.sidebars = ui.sidebars.length;
  }

  // ---- the spreadsheet ----

  var TYPE_NAMES = { number: 'number', date: 'date / time', boolean: 'true / false', text: 'plain text (@)', string: 'text', formula: 'formula', empty: 'empty' };

  function selectedSheet() {
    var view = state.view;
    if (!view) return null;
    return view.sheets.filter(function (s) { return s.name === state.selected; })[0] || view.sheets.filter(function (s) { return s.name === view.active; })[0] || view.sheets[0];
  }

  function renderTabs() {
    var tabs = $('tabs');
    tabs.textContent = '';
    var current = selectedSheet();
    state.view.sheets.forEach(function (s) {
      var b = document.createElement('button');
      b.type = 'button';
      b.setAttribute('role', 'tab');
      b.setAttribute('data-sheet', s.name);
      b.setAttribute('aria-selected', String(current && s.name === current.name));
      b.tabIndex = current && s.name === current.name ? 0 : -1;
      b.textContent = s.name;
      if (s.name === state.view.active) {
        var mark = document.createElement('span');
        mark.className = 'active-mark';
        mark.textContent = '(active)';
        mark.title = 'The active tab in the fake spreadsheet';
        b.appendChild(mark);
      }
      b.addEventListener('click', function () { state.selected = s.name; render(); });
      tabs.appendChild(b);
    });
  }
  $('tabs').addEventListener('keydown', function (ev) {
    if (ev.key !== 'ArrowRight' && ev.key !== 'ArrowLeft') return;
    var tabs = Array.prototype.slice.call($('tabs').querySelectorAll('[role=tab]'));
    var i = tabs.indexOf(document.activeElement);
    if (i < 0) return;
    var next = tabs[(i + (ev.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
    state.selected = next.getAttribute('data-sheet');
    render();
    var again = $('tabs').querySelector('[data-sheet="' + CSS.escape(state.selected) + '"]');
    if (again) again.focus();
  });

  function describeCell(cell, ref) {
    state.cell = ref;
    text($('cell-ref'), ref);
    if (!cell) { text($('cell-type'), ''); text($('cell-content'), ''); return; }
    var parts = [TYPE_NAMES[cell.t] || cell.t];
    if (cell.f) parts.push('format ' + cell.f);
    if (cell.len) parts.push(count(cell.len) + ' characters');
    text($('cell-type'), parts.join(' · '));
    text($('cell-content'), (cell.x || cell.d) + (cell.n ? '   📝 ' + cell.n : ''));
  }

  function renderGrid(sheet) {
    var table = $('grid');
    table.textContent = '';
    var info = $('sheet-info');
    if (!sheet) { text(info, ''); return; }
    var rows = sheet.cells.length;
    var cols = rows ? sheet.cells[0].length : 0;
    var a1Note = rows && sheet.cells[0][0] && sheet.cells[0][0].n;
    var dataRows = Math.max(0, sheet.lastRow - sheet.frozenRows);
    text(info, '"' + sheet.name + '": ' + count(sheet.lastRow) + ' rows × ' + count(sheet.lastColumn) + ' columns' +
      (sheet.frozenRows ? ' (' + sheet.frozenRows + ' frozen header row' + (sheet.frozenRows > 1 ? 's' : '') + ', ' + count(dataRows) + ' data rows)' : '') +
      (rows < sheet.lastRow ? ' · showing the first ' + count(rows) : '') +
      (a1Note ? ' · A1 note: ' + a1Note : ''));
    info.setAttribute('data-sheet', sheet.name);
    info.setAttribute('data-rows', String(sheet.lastRow));
    info.setAttribute('data-columns', String(sheet.lastColumn));
    info.setAttribute('data-frozen-rows', String(sheet.frozenRows));
    info.title = info.textContent;

    var thead = document.createElement('thead');
    var hr = document.createElement('tr');
    var corner = document.createElement('th');
    corner.className = 'corner rownum';
    hr.appendChild(corner);
    var shownCols = Math.max(cols, 8);
    for (var c = 1; c <= shownCols; c++) {
      var th = document.createElement('th');
      th.scope = 'col';
      th.textContent = columnName(c);
      hr.appendChild(th);
    }
    thead.appendChild(hr);
    table.appendChild(thead);

    var tbody = document.createElement('tbody');
    var ROW_H = 22;
    var shownRows = Math.max(rows, 20);
    for (var r = 0; r < shownRows; r++) {
      var tr = document.createElement('tr');
      tr.setAttribute('data-row', String(r + 1));
      if (r < sheet.frozenRows) {
        tr.className = 'frozen' + (r === sheet.frozenRows - 1 ? ' frozen-last' : '');
      }
      var rn = document.createElement('th');
      rn.className = 'rownum';
      rn.scope = 'row';
      rn.textContent = String(r + 1);
      tr.appendChild(rn);
      for (var c2 = 0; c2 < shownCols; c2++) {
        var cell = r < rows && c2 < cols ? sheet.cells[r][c2] : null;
        var td = document.createElement('td');
        if (cell && (cell.bg || cell.b)) {
          // the add-on's own formatting (the bold grey header): drawn as Sheets shows it
          if (cell.bg) td.style.background = cell.bg;
          if (cell.b) td.classList.add('bold');
        }
        if (cell && cell.t !== 'empty') {
          td.textContent = cell.d;
          td.className += ' t-' + cell.t + (cell.k ? ' k-' + cell.k : '') + (cell.x && cell.t === 'formula' && /^=\s*TRUECLICKS/i.test(cell.x) ? ' spill-anchor' : '') + (cell.n ? ' note' : '');
          td.setAttribute('data-type', cell.t);
          if (cell.f) td.setAttribute('data-format', cell.f);
          td.title = cell.n ? cell.d + '\n\nNote: ' + cell.n : cell.d;
        }
        td.setAttribute('data-ref', columnName(c2 + 1) + (r + 1));
        tr.appendChild(td);
      }
      if (r < sheet.frozenRows) {
        tr.querySelectorAll('td, th').forEach(function (el) { el.style.top = (ROW_H + r * ROW_H) + 'px'; });
      }
      tbody.appendChild(tr);
    }
    if (rows < sheet.lastRow) {
      var more = document.createElement('tr');
      more.className = 'more';
      var td2 = document.createElement('td');
      td2.colSpan = shownCols + 1;
      td2.textContent = count(sheet.lastRow - rows) + ' more rows are not shown here.';
      more.appendChild(td2);
      tbody.appendChild(more);
    }
    table.appendChild(tbody);
    table.onclick = function (ev) {
      var td = ev.target.closest('td[data-ref]');
      if (!td) return;
      var prev = table.querySelector('td.selected');
      if (prev) prev.classList.remove('selected');
      td.classList.add('selected');
      var row = Number(td.parentNode.getAttribute('data-row')) - 1;
      var col = Array.prototype.indexOf.call(td.parentNode.children, td) - 1;
      var cell = row < rows && col < cols ? sheet.cells[row][col] : null;
      describeCell(cell, td.getAttribute('data-ref'));
      state.cellAt = { sheet: sheet.name, row: row + 1, column: col + 1 };
      // the selection is the add-on's active cell ("Insert as formula" writes there)
      postCell(state.cellAt);
      $('cell-form').hidden = false;
      $('cell-input').value = cell ? (cell.x || (cell.t === 'spill' ? '' : cell.d)) : '';
    };
  }

  function postCell(body) {
    return fetch('/api/cell', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (r) { return r.json(); })
      .then(function (a) { if (!a.ok) showAlert('Error', a.error.message); });
  }

  $('cell-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    if (!state.cellAt) return;
    var input = $('cell-input').value;
    var at = state.cellAt;
    postCell({ sheet: at.sheet, row: at.row, column: at.column, input: /^-?\d+(\.\d+)?$/.test(input) ? Number(input) : input });
  });

  function render() {
    if (!state.view) return;
    text($('doc-title'), state.view.name + ' (fake spreadsheet, ' + state.view.timeZone + ')');
    // Follow the spreadsheet's active tab when the add-on changes it (an import, "Go to tab").
    if (state.view.active !== state.lastActive) {
      state.selected = state.view.active;
      state.lastActive = state.view.active;
    }
    renderTabs();
    renderGrid(selectedSheet());
    if (window.drawReportExtras) window.drawReportExtras(selectedSheet(), state.view.reports);
  }

  $('show-types').addEventListener('change', function () {
    $('grid').classList.toggle('show-types', this.checked);
    $('legend').classList.toggle('hidden', !this.checked);
  });

  // ---- long-poll ----

  function poll() {
    fetch('/api/spreadsheet?since=' + state.version + '&view=' + state.viewVersion)
      .then(function (r) { return r.json(); })
      .then(function (s) {
        text($('busy'), s.busy ? 'Apps Script is running ' + s.busy + '()…' : '');
        if (s.view) { state.view = s.view; state.viewVersion = s.viewVersion; render(); }
        absorbUi(s.ui);
        state.version = s.version;
        document.body.setAttribute('data-version', String(s.version));
        poll();
      })
      .catch(function () {
        text($('busy'), 'The workbench stopped (npm start to run it again).');
        setTimeout(poll, 3000);
      });
  }

  loadState().then(poll);
})();
