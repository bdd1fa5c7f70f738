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
    var chart = window.echarts.init(el, null, { renderer: "canvas" });
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
  // A printed page is narrower or wider than the screen: redraw to fit it, and back after.
  window.addEventListener("beforeprint", resizeAll);
  window.addEventListener("afterprint", resizeAll);

  window.ConsultaCharts = { ready: drawn };
})();
