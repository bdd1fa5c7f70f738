// Charts: draws the options the server built (a JSON data island) into every div.chart with
// echarts. No eval and no inline code; without echarts the tables beside the charts stay as they are.
(function () {
  "use strict";
  var island = document.getElementById("chart-data");
  if (!island || !window.echarts) return;
  var options;
  try {
    options = JSON.parse(island.textContent);
  } catch (e) {
    return;
  }

  // How this page writes numbers ("1.000", "41,1 %" in Spanish) and what a saved image says
  // under its chart; the server puts both in a second data island.
  var page = {};
  var pageIsland = document.getElementById("chart-page");
  if (pageIsland) {
    try {
      page = JSON.parse(pageIsland.textContent) || {};
    } catch (e) {
      page = {};
    }
  }
  var num = page.number || { decimal: ".", thousands: ",", percent_suffix: "%" };

  // formatNumber writes v with up to one decimal, the page language's marks and thousands.
  function formatNumber(v, decimals) {
    if (typeof v !== "number" || !isFinite(v)) return v === "-" || v == null ? "" : String(v);
    var neg = v < 0, s = Math.abs(v).toFixed(decimals), parts = s.split(".");
    var whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, num.thousands);
    return (neg ? "-" : "") + whole + (parts[1] ? num.decimal + parts[1] : "");
  }
  function valueOf(p) {
    var v = p && p.value !== undefined ? p.value : p;
    return Array.isArray(v) ? v[v.length - 1] : v;
  }
  // The server writes its formatters as echarts templates ("{c}", "{c}%", "{value}%"): each
  // becomes a function writing the page's numbers, so no chart ever shows "41.1%" in Spanish.
  function localise(option) {
    if (!option) return option;
    function fmt(template) {
      var pct = /%$/.test(template), axis = /\{value\}/.test(template);
      return function (p) {
        var v = typeof p === "number" ? p : valueOf(p);
        if (typeof v !== "number") return "";
        // Axis ticks are round numbers ("20 %"); bar labels keep their decimal ("20,3 %").
        var s = formatNumber(v, (pct && !axis) || Math.round(v) !== v ? 1 : 0);
        return pct ? s + num.percent_suffix : s;
      };
    }
    (option.series || []).forEach(function (s) {
      if (s.label && typeof s.label.formatter === "string") s.label.formatter = fmt(s.label.formatter);
      (s.data || []).forEach(function (d) {
        if (d && d.label && typeof d.label.formatter === "string") d.label.formatter = fmt(d.label.formatter);
      });
    });
    ["xAxis", "yAxis"].forEach(function (key) {
      [].concat(option[key] || []).forEach(function (ax) {
        if (!ax || ax.type !== "value") return;
        ax.axisLabel = ax.axisLabel || {};
        ax.axisLabel.formatter = fmt(typeof ax.axisLabel.formatter === "string" ? ax.axisLabel.formatter : "{value}");
      });
    });
    if (option.tooltip) option.tooltip.valueFormatter = function (v) {
      return typeof v === "number" ? formatNumber(v, Math.round(v) === v ? 0 : 1) : "";
    };
    return option;
  }
  for (var oid in options) {
    if (Object.prototype.hasOwnProperty.call(options, oid) && options[oid]) {
      localise(options[oid].counts);
      localise(options[oid].percent);
    }
  }

  // The server plans each chart's height (wrapped labels, legend lines) in its grid: the element
  // grows to fit, so no label is cut off however many choices a question has.
  function fitHeight(el, option) {
    var grid = option && option.grid;
    if (grid && grid.length) grid = grid[0];
    if (!grid || grid.height === undefined) return;
    var h = parseFloat(grid.top || 0) + parseFloat(grid.height) + parseFloat(grid.bottom || 0) + 16;
    if (h > 0) el.style.height = Math.ceil(h) + "px";
  }

  var charts = {};
  var drawn = 0;
  var els = document.querySelectorAll("div.chart[data-chart]");
  for (var i = 0; i < els.length; i++) {
    var el = els[i];
    var id = el.getAttribute("data-chart");
    var views = options[id];
    if (!views || !views.counts) continue;
    fitHeight(el, views.counts);
    // A chart inside a closed <details> has no size yet: draw it at the width of the page's
    // column, and fit it to its box when the reader opens it.
    var size = { renderer: "canvas" };
    if (!el.clientWidth) {
      var main = document.querySelector("main");
      size.width = Math.max(280, (main ? main.clientWidth : 640) - 48);
      size.height = parseFloat(el.style.height) || 400;
    }
    var chart = window.echarts.init(el, null, size);
    chart.setOption(views.counts);
    charts[id] = chart;
    drawn++;
  }

  function show(id, view) {
    var chart = charts[id];
    var opt = options[id] && options[id][view];
    if (!chart || !opt) return;
    fitHeight(chart.getDom(), opt);
    chart.setOption(opt, true);
    chart.resize();
    var buttons = document.querySelectorAll('button[data-view][data-for="' + cssEscape(id) + '"]');
    for (var j = 0; j < buttons.length; j++) {
      buttons[j].setAttribute("aria-pressed", String(buttons[j].getAttribute("data-view") === view));
    }
  }

  // Chart ids are URL-safe already; this only guards the attribute selector.
  function cssEscape(s) {
    return window.CSS && window.CSS.escape ? window.CSS.escape(s) : s.replace(/["\\]/g, "\\$&");
  }

  var toggles = document.querySelectorAll("button[data-view][data-for]");
  for (var k = 0; k < toggles.length; k++) {
    var b = toggles[k];
    var target = b.getAttribute("data-for");
    var view = b.getAttribute("data-view");
    // A toggle needs a drawn chart with both views; the page may render it hidden for no-JS readers.
    var both = charts[target] && options[target].counts && options[target].percent;
    b.hidden = !both;
    if (!both) continue;
    b.addEventListener("click", (function (id, v) {
      return function () { show(id, v); };
    })(target, view));
  }

  function resizeAll() {
    for (var id in charts) {
      if (Object.prototype.hasOwnProperty.call(charts, id)) charts[id].resize();
    }
  }
  var pending = 0;
  window.addEventListener("resize", function () {
    if (pending) window.clearTimeout(pending);
    pending = window.setTimeout(function () {
      pending = 0;
      resizeAll();
    }, 150);
  });
  // Opening a section or a question gives its charts their real width.
  var details = document.querySelectorAll("details");
  for (var d = 0; d < details.length; d++) {
    details[d].addEventListener("toggle", function (ev) {
      if (!ev.target.open) return;
      var inside = ev.target.querySelectorAll("div.chart[data-chart]");
      for (var n = 0; n < inside.length; n++) {
        var c = charts[inside[n].getAttribute("data-chart")];
        if (c) c.resize({ width: "auto", height: "auto" });
      }
    });
  }

  // A printed page is narrower or wider than the screen: redraw to fit it, and back after.
  window.addEventListener("beforeprint", resizeAll);
  window.addEventListener("afterprint", resizeAll);

  // A saved image must stand alone on a slide or in a report: under the chart (whose title is
  // drawn in it) go the source, n, the data date and the filter, wrapped to the image's width.
  function image(id) {
    var chart = charts[id];
    if (!chart) return null;
    var ratio = 2;
    var src = chart.getDataURL({ type: "png", pixelRatio: ratio, backgroundColor: "#ffffff" });
    return new Promise(function (resolve, reject) {
      var img = new Image();
      img.onload = function () {
        var w = img.width, pad = 12 * ratio, size = 12 * ratio, lineH = 16 * ratio;
        var c = document.createElement("canvas"), ctx = c.getContext("2d");
        ctx.font = size + "px sans-serif";
        var lines = [], line = "";
        String(page.source || "").split(" ").forEach(function (word) {
          var next = line ? line + " " + word : word;
          if (ctx.measureText(next).width > w - 2 * pad && line) {
            lines.push(line);
            line = word;
          } else {
            line = next;
          }
        });
        if (line) lines.push(line);
        c.width = w;
        c.height = img.height + pad + lines.length * lineH + pad;
        ctx.fillStyle = "#ffffff";
        ctx.fillRect(0, 0, c.width, c.height);
        ctx.drawImage(img, 0, 0);
        ctx.strokeStyle = "#c9cfdb";
        ctx.beginPath();
        ctx.moveTo(pad, img.height + pad / 2);
        ctx.lineTo(w - pad, img.height + pad / 2);
        ctx.stroke();
        ctx.fillStyle = "#1f2a44";
        ctx.font = size + "px sans-serif";
        ctx.textBaseline = "top";
        lines.forEach(function (l, i) { ctx.fillText(l, pad, img.height + pad + i * lineH); });
        resolve({ canvas: c, chartHeight: img.height, lines: lines });
      };
      img.onerror = reject;
      img.src = src;
    });
  }

  var saves = document.querySelectorAll("button[data-save]");
  for (var sv = 0; sv < saves.length; sv++) {
    var sb = saves[sv], sid = sb.getAttribute("data-save");
    if (!charts[sid]) continue;
    sb.hidden = false;
    sb.addEventListener("click", (function (id) {
      return function () {
        image(id).then(function (out) {
          out.canvas.toBlob(function (blob) {
            var a = document.createElement("a");
            a.href = URL.createObjectURL(blob);
            a.download = id + ".png";
            document.body.appendChild(a);
            a.click();
            a.remove();
            window.setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
          }, "image/png");
        });
      };
    })(sid));
  }

  window.ConsultaCharts = { ready: drawn, image: image };
})();
