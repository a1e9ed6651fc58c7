// Draws the zone dashboards' charts with the vendored ECharts. The options are built on
// the server (matchhub/zones/statistics/charts.py) and sit in #zone-chart-data as
// {name: {option, unit, empty}}; every element with data-chart="<name>" gets one chart.
// A chart without an option keeps the server's 「本期暂无数据」.
(function () {
  "use strict";
  var source = document.getElementById("zone-chart-data");
  if (!source || !window.echarts) { return; }
  var slots = JSON.parse(source.textContent);

  function withUnit(option, unit) {
    // Functions cannot travel in JSON: the tooltip's unit is added here.
    if (option.tooltip && option.tooltip.trigger === "axis" && unit) {
      option.tooltip.valueFormatter = function (v) {
        return v === null || v === undefined ? "—" : v + " " + unit;
      };
    }
    return option;
  }

  document.querySelectorAll("[data-chart]").forEach(function (element) {
    var slot = slots[element.getAttribute("data-chart")];
    if (!slot || !slot.option) { return; }
    if (slot.height) { element.style.height = slot.height + "px"; }
    element.textContent = "";
    element.classList.remove("empty");
    var chart = window.echarts.init(element);
    chart.setOption(withUnit(slot.option, slot.unit));
    window.addEventListener("resize", function () { chart.resize(); });
  });
}());
