// Cascading region picker: a text input marked data-region-picker (a GB/T 2260 code) is
// replaced by province -> prefecture -> county selects showing names, filled from
// /regions?parent=&year= (the year of the date field named by data-year-field). The
// province list ends with 境外: it shows the country select named by data-country-field
// and leaves the region blank. Without JavaScript the input and the country select stay.
(function () {
  "use strict";
  var script = document.currentScript;
  var regionsUrl = (script && script.dataset.regionsUrl) || "/regions";

  function option(value, label, selected) {
    var o = document.createElement("option");
    o.value = value;
    o.textContent = label;
    o.selected = !!selected;
    return o;
  }

  function year(input) {
    var field = document.getElementById(input.dataset.yearField || "");
    var match = field && /^(\d{4})-/.exec(field.value);
    return match ? match[1] : "";
  }

  function load(input, parent, select, wanted, blank) {
    var url = regionsUrl + "?parent=" + encodeURIComponent(parent) +
      "&year=" + encodeURIComponent(year(input));
    select.replaceChildren(option("", blank));
    select.hidden = true;
    if (parent === null) { return Promise.resolve(); }
    return fetch(url, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { regions: [] }; })
      .then(function (data) {
        data.regions.forEach(function (region) {
          select.append(option(region.code, region.name, wanted.indexOf(region.code) >= 0));
        });
        select.hidden = data.regions.length === 0;
      });
  }

  function picker(input) {
    var country = document.getElementById(input.dataset.countryField || "");
    var countryBox = country && country.closest(".field");
    var box = document.createElement("div");
    box.className = "region-picker";
    var level = ["省（自治区、直辖市）", "市（地、州）", "县（区、市）"].map(function (label) {
      var s = document.createElement("select");
      s.setAttribute("aria-label", (input.labels[0] ? input.labels[0].textContent : "") + "：" + label);
      box.append(s);
      return s;
    });
    input.type = "hidden";
    input.after(box);

    function showAbroad(abroad) {
      if (countryBox) { countryBox.hidden = !abroad; }
      if (!abroad && country) { country.value = ""; }
    }

    function sync() {
      var codes = level.map(function (s) { return s.hidden ? "" : s.value; });
      var abroad = codes[0] === "abroad";
      showAbroad(abroad);
      input.value = abroad ? "" : (codes[2] || codes[1] || codes[0]);
    }

    function provinces(wanted) {
      return load(input, "", level[0], wanted, "请选择").then(function () {
        level[0].append(option("abroad", "境外（选国别）", country && country.value));
        level[0].hidden = false;
      });
    }

    function counties(wanted) {
      var p = level[1].hidden ? "" : level[1].value;
      return load(input, /00$/.test(p) ? p : null, level[2], wanted, "（全市）");
    }

    // The stored code: a province, a 市州 or zone, or a county below its 市州.
    var code = input.value.trim();
    var province = code ? code.slice(0, 2) + "0000" : "";
    provinces([province])
      .then(function () {
        return load(input, province || null, level[1], [code, code.slice(0, 4) + "00"], "（全省）");
      })
      .then(function () { return counties([code]); })
      .then(sync);

    level[0].addEventListener("change", function () {
      var p = level[0].value;
      load(input, p && p !== "abroad" ? p : null, level[1], [], "（全省）")
        .then(function () { return counties([]); })
        .then(sync);
    });
    level[1].addEventListener("change", function () { counties([]).then(sync); });
    level[2].addEventListener("change", sync);
  }

  document.querySelectorAll("input[data-region-picker]").forEach(picker);
})();
