// Draws the zone dashboards' charts with the vendored ECharts from the JSON in
// #zone-chart-data; every element with data-chart="<name>" gets one chart.
(function () {
  "use strict";
  var source = document.getElementById("zone-chart-data");
  if (!source || !window.echarts) { return; }
  var data = JSON.parse(source.textContent);
  var palette = ["#0b5cad", "#c2410c", "#15803d", "#a16207", "#7c3aed", "#0e7490",
                 "#be185d", "#4d7c0f", "#64748b", "#b91c1c", "#1d4ed8"];

  function bars(categories, series, unit, horizontal) {
    var valueAxis = { type: "value", name: unit, axisLabel: { hideOverlap: true } };
    // Long category names (技术领域) are turned so that neighbours do not overlap.
    var categoryAxis = { type: "category", data: categories,
                         axisLabel: { interval: 0, rotate: horizontal ? 0 : 30 } };
    return {
      color: palette,
      // Tooltips drawn on the canvas (richText): HTML tooltips carry inline styles, which
      // the Content-Security-Policy (style-src 'self') blocks.
      tooltip: { trigger: "axis", renderMode: "richText", valueFormatter: function (v) {
        return v === null || v === undefined ? "—" : v + " " + unit; } },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      xAxis: horizontal ? valueAxis : categoryAxis,
      yAxis: horizontal ? categoryAxis : valueAxis,
      series: series
    };
  }

  function pie(part) {
    if (!part.items.length) { return null; }
    return {
      color: palette,
      tooltip: { trigger: "item", renderMode: "richText", formatter: "{b}：{c} " + part.unit + "（{d}%）" },
      legend: { type: "scroll", orient: "vertical", right: 0, top: "middle" },
      series: [{ type: "pie", radius: ["30%", "60%"], center: ["40%", "50%"],
                 label: { formatter: "{d}%", overflow: "none" }, data: part.items }]
    };
  }

  var builders = {
    trend: function (d) {
      var t = d.trend;
      var option = bars(t.years, [
        { name: "成交额", type: "bar", data: t.volume },
        { name: "合同数", type: "line", yAxisIndex: 1, data: t.count }
      ], t.unit, false);
      option.yAxis = [{ type: "value", name: t.unit }, { type: "value", name: "项" }];
      option.tooltip.valueFormatter = undefined;
      return option;
    },
    quarters: function (d) {
      var t = d.trend;
      var option = bars(t.quarters, [{ name: "成交额", type: "line", smooth: true,
                                       areaStyle: {}, data: t.quarter_volume }],
                        t.quarter_unit, false);
      option.xAxis.axisLabel = { interval: 3 };  // one label a year
      return option;
    },
    type: function (d) { return pie(d.composition.type); },
    party: function (d) { return pie(d.composition.party); },
    field: function (d) {
      var f = d.composition.field;
      return bars(f.items.map(function (i) { return i.name; }),
                  [{ name: "成交额", type: "bar", data: f.items.map(function (i) { return i.value; }) }],
                  f.unit, false);
    },
    ranking: function (d) {
      var r = d.ranking;
      var series = [{ name: "成交额", type: "bar", data: r.volume }];
      if (r.target.some(function (v) { return v !== null; })) {
        series.push({ name: "目标", type: "bar", data: r.target });
      }
      return bars(r.names, series, r.unit, true);
    },
    progress: function (d) {
      var p = d.progress;
      return bars(p.names, [{ name: "完成进度", type: "bar", barMaxWidth: 28, data: p.progress,
                              markLine: { data: [{ xAxis: 100 }], symbol: "none" } }],
                  "%", true);
    }
  };

  document.querySelectorAll("[data-chart]").forEach(function (element) {
    var build = builders[element.getAttribute("data-chart")];
    var option = build && build(data);
    if (element.getAttribute("data-chart") === "progress" && option) {
      element.style.height = (90 + 44 * data.progress.names.length) + "px";
    }
    if (!option) {
      element.classList.add("empty");
      element.textContent = "本年度暂无数据";
      return;
    }
    var chart = window.echarts.init(element);
    chart.setOption(option);
    window.addEventListener("resize", function () { chart.resize(); });
  });
}());
