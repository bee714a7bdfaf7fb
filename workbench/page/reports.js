/*
 * Reports in the workbench grid, as Sheets shows them: formula results and pivot tables in their cells, sparklines
 * drawn in theirs, conditional-format colours, and embedded charts floating over the grid (SVG). The data comes
 * from the add-on worker (workbench/report-view.ts); workbench.js calls drawReportExtras after drawing a tab.
 */
(function () {
  'use strict';
  var NS = 'http://www.w3.org/2000/svg';
  var COLORS = ['#4285f4', '#ea4335', '#fbbc04', '#34a853', '#ff6d01', '#46bdc6', '#7baaf7', '#f07b72', '#fcd04f', '#71c287'];

  function node(tag, attrs, parent) {
    var n = document.createElementNS(NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { n.setAttribute(k, String(attrs[k])); });
    if (parent) parent.appendChild(n);
    return n;
  }

  function columnName(n) {
    var s = '';
    for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    return s;
  }

  /** Adds rows and columns to the grid so a pivot table or chart beyond the stored cells has somewhere to be. */
  function ensureGrid(table, rows, columns) {
    var head = table.querySelector('thead tr');
    var have = head.children.length - 1;
    for (var c = have + 1; c <= columns; c++) {
      var th = document.createElement('th');
      th.scope = 'col';
      th.textContent = columnName(c);
      head.appendChild(th);
    }
    var body = table.querySelector('tbody');
    var trs = body.querySelectorAll('tr[data-row]');
    for (var r = 1; r <= Math.max(rows, trs.length); r++) {
      var tr = body.querySelector('tr[data-row="' + r + '"]');
      if (!tr) {
        tr = document.createElement('tr');
        tr.setAttribute('data-row', String(r));
        var rn = document.createElement('th');
        rn.className = 'rownum';
        rn.scope = 'row';
        rn.textContent = String(r);
        tr.appendChild(rn);
        body.appendChild(tr);
      }
      for (var k = tr.children.length; k <= columns; k++) {
        var td = document.createElement('td');
        td.setAttribute('data-ref', columnName(k) + r);
        tr.appendChild(td);
      }
    }
  }

  function sparkline(td, points) {
    td.textContent = '';
    if (!points.length) return;
    var w = 120, h = 18;
    var min = Math.min.apply(null, points), max = Math.max.apply(null, points);
    var svg = node('svg', { width: w, height: h, viewBox: '0 0 ' + w + ' ' + h, 'class': 'sparkline', 'data-points': points.length });
    var xy = points.map(function (p, i) {
      var x = points.length > 1 ? (i * (w - 4)) / (points.length - 1) + 2 : w / 2;
      var y = max === min ? h / 2 : h - 2 - ((p - min) * (h - 4)) / (max - min);
      return x.toFixed(1) + ',' + y.toFixed(1);
    });
    node('polyline', { points: xy.join(' '), fill: 'none', stroke: '#1a73e8', 'stroke-width': 1.5 }, svg);
    td.appendChild(svg);
  }

  function fillCells(table, cells) {
    Object.keys(cells).forEach(function (key) {
      var rc = key.split(',');
      var td = table.querySelector('td[data-ref="' + columnName(Number(rc[1])) + rc[0] + '"]');
      if (!td) return;
      var cell = cells[key];
      if (cell.spark) sparkline(td, cell.spark);
      else if (cell.d !== undefined) {
        td.textContent = cell.d;
        td.title = cell.d;
        if (/^[-▲▼\d.,% ]+$/.test(cell.d) && cell.d !== '') td.style.textAlign = 'right';
      }
      if (cell.color) td.style.color = cell.color;
      if (cell.background) td.style.background = cell.background;
      td.classList.add('report-cell');
    });
  }

  function numeric(v) { return typeof v === 'number' ? v : Number(v) || 0; }

  function axes(svg, box, maxValue, horizontal) {
    node('line', { x1: box.x, y1: box.y + box.h, x2: box.x + box.w, y2: box.y + box.h, stroke: '#9aa0a6' }, svg);
    node('line', { x1: box.x, y1: box.y, x2: box.x, y2: box.y + box.h, stroke: '#9aa0a6' }, svg);
    var label = node('text', { x: horizontal ? box.x + box.w : box.x - 4, y: horizontal ? box.y + box.h + 12 : box.y + 8, 'text-anchor': 'end', 'font-size': 10, fill: '#5f6368' }, svg);
    label.textContent = String(Math.round(maxValue * 100) / 100);
  }

  function legend(svg, names, x, y) {
    names.forEach(function (name, i) {
      node('rect', { x: x, y: y + i * 14, width: 10, height: 10, fill: COLORS[i % COLORS.length] }, svg);
      var t = node('text', { x: x + 14, y: y + i * 14 + 9, 'font-size': 10, fill: '#3c4043' }, svg);
      t.textContent = String(name).slice(0, 24);
    });
  }

  function plot(svg, chart, box) {
    var series = chart.header.slice(1);
    var cats = chart.rows.map(function (r) { return r[0]; });
    var n = Math.max(1, cats.length);
    var totals = chart.rows.map(function (r) { return r.slice(1).reduce(function (s, v) { return s + numeric(v); }, 0); });
    var maxValue = chart.stacked ? Math.max.apply(null, totals.concat([1])) : Math.max.apply(null, chart.rows.map(function (r) { return Math.max.apply(null, r.slice(1).map(numeric)); }).concat([1]));
    var horizontal = chart.type === 'BAR';
    axes(svg, box, maxValue, horizontal);
    if (chart.type === 'LINE' || chart.type === 'AREA') {
      series.forEach(function (_, s) {
        var pts = chart.rows.map(function (r, i) {
          return (box.x + (i * box.w) / Math.max(1, n - 1)).toFixed(1) + ',' + (box.y + box.h - (numeric(r[s + 1]) * box.h) / maxValue).toFixed(1);
        });
        if (chart.type === 'AREA') node('polygon', { points: box.x + ',' + (box.y + box.h) + ' ' + pts.join(' ') + ' ' + (box.x + box.w) + ',' + (box.y + box.h), fill: COLORS[s % COLORS.length], 'fill-opacity': 0.3 }, svg);
        node('polyline', { points: pts.join(' '), fill: 'none', stroke: COLORS[s % COLORS.length], 'stroke-width': 1.5, 'class': 'series' }, svg);
      });
      return;
    }
    var slot = (horizontal ? box.h : box.w) / n;
    chart.rows.forEach(function (r, i) {
      var offset = 0;
      series.forEach(function (_, s) {
        var v = numeric(r[s + 1]);
        var len = (v * (horizontal ? box.w : box.h)) / maxValue;
        var thick = chart.stacked ? slot * 0.7 : (slot * 0.7) / series.length;
        var at = i * slot + slot * 0.15 + (chart.stacked ? 0 : s * thick);
        var attrs = horizontal ? { x: box.x + offset, y: box.y + at, width: Math.max(0, len), height: thick } : { x: box.x + at, y: box.y + box.h - offset - len, width: thick, height: Math.max(0, len) };
        attrs.fill = COLORS[s % COLORS.length];
        attrs['class'] = 'bar';
        node('rect', attrs, svg);
        if (chart.stacked) offset += len;
      });
    });
    if (horizontal && n <= 30) {
      cats.forEach(function (c, i) {
        var t = node('text', { x: box.x - 3, y: box.y + i * slot + slot / 2 + 3, 'text-anchor': 'end', 'font-size': 9, fill: '#5f6368' }, svg);
        t.textContent = String(c).slice(0, 18);
      });
    }
  }

  function chartSvg(chart) {
    var svg = node('svg', { width: chart.width, height: chart.height, viewBox: '0 0 ' + chart.width + ' ' + chart.height, 'class': 'report-chart', 'data-type': chart.type });
    node('rect', { x: 0.5, y: 0.5, width: chart.width - 1, height: chart.height - 1, fill: '#fff', stroke: '#dadce0' }, svg);
    var title = node('text', { x: chart.width / 2, y: 20, 'text-anchor': 'middle', 'font-size': 14, fill: '#202124' }, svg);
    title.textContent = chart.title;
    var left = chart.type === 'BAR' ? 110 : 40;
    var box = { x: left, y: 36, w: chart.width - left - 150, h: chart.height - 70 };
    plot(svg, chart, box);
    var cats = chart.rows.map(function (r) { return r[0]; });
    if (chart.type !== 'BAR' && cats.length) {
      [0, cats.length - 1].forEach(function (i, k) {
        var t = node('text', { x: k ? box.x + box.w : box.x, y: box.y + box.h + 14, 'text-anchor': k ? 'end' : 'start', 'font-size': 10, fill: '#5f6368' }, svg);
        t.textContent = String(cats[i]).slice(0, 20);
      });
    }
    legend(svg, chart.header.slice(1), chart.width - 140, 40);
    return svg;
  }

  function placeCharts(table, charts) {
    var wrap = table.parentNode;
    wrap.querySelectorAll('.chart-float').forEach(function (n) { n.remove(); });
    charts.forEach(function (chart) {
      ensureGrid(table, chart.row + 20, chart.column + 8);
      var anchor = table.querySelector('td[data-ref="' + columnName(chart.column) + chart.row + '"]');
      if (!anchor) return;
      var box = document.createElement('div');
      box.className = 'chart-float';
      box.style.position = 'absolute';
      box.style.zIndex = '5';
      box.style.left = anchor.offsetLeft + 'px';
      box.style.top = anchor.offsetTop + 'px';
      box.style.boxShadow = '0 1px 3px rgba(60,64,67,.3)';
      box.appendChild(chartSvg(chart));
      wrap.appendChild(box);
    });
  }

  window.drawReportExtras = function (sheet, reports) {
    var table = document.getElementById('grid');
    var extras = sheet && reports ? reports[sheet.name] : null;
    if (!table || !extras) return;
    var maxRow = 0, maxCol = 0;
    Object.keys(extras.cells).forEach(function (k) {
      var rc = k.split(',');
      maxRow = Math.max(maxRow, Number(rc[0]));
      maxCol = Math.max(maxCol, Number(rc[1]));
    });
    ensureGrid(table, maxRow, maxCol);
    fillCells(table, extras.cells);
    placeCharts(table, extras.charts);
  };
})();
