// Autocomplete for the site search box: fills its <datalist> from /api/v1/suggest.
(function () {
  var input = document.getElementById("site-search");
  var list = document.getElementById("site-search-suggestions");
  if (!input || !list || !window.fetch) { return; }
  var timer = null, last = "";
  function fill(suggestions) {
    list.textContent = "";
    suggestions.forEach(function (text) {
      var option = document.createElement("option");
      option.value = text;
      list.appendChild(option);
    });
  }
  input.addEventListener("input", function () {
    var prefix = input.value.trim();
    clearTimeout(timer);
    if (!prefix || prefix === last) { return; }
    timer = setTimeout(function () {
      last = prefix;
      fetch("/api/v1/suggest?limit=8&q=" + encodeURIComponent(prefix.slice(0, 50)))
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (body) { fill(body.suggestions || []); })
        .catch(function () { fill([]); });
    }, 150);
  });
})();
