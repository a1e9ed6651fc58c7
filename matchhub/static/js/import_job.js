// The import job page: polls the job's status every second and shows its progress; once
// the job has finished, reloads the page, which then shows the report.
(function () {
  var box = document.querySelector("[data-import-job]");
  if (!box) { return; }
  var text = box.querySelector("[data-job-progress]");
  var bar = box.querySelector("[data-job-bar]");
  var phases = { checking: "正在校验", writing: "正在写入" };

  function show(job) {
    if (job.status === "queued") { text.textContent = "排队等待中…"; return; }
    var total = job.rows_total ? "，共约 " + job.rows_total + " 行" : "";
    text.textContent = (phases[job.phase] || "正在处理") + "：已处理 " + job.rows_done + " 行" + total + "…";
    bar.max = Math.max(job.rows_total || 1, job.rows_done, 1);
    bar.value = job.rows_done;
  }

  function poll() {
    fetch(box.getAttribute("data-import-job"), { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (job) {
        if (job.status === "succeeded" || job.status === "failed") { window.location.reload(); return; }
        show(job);
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
