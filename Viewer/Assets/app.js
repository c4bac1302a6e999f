// FilePipeline viewer: uploads with per-file progress (drag and drop), and live records over server-sent events.
// Everything from the server is inserted as text (textContent), never as HTML.
"use strict";

(function () {
  function text(tag, content, className) {
    const element = document.createElement(tag);
    element.textContent = content;
    if (className) element.className = className;
    return element;
  }

  function formatSize(bytes) {
    const units = ["B", "KiB", "MiB", "GiB", "TiB"]; // binary multiples, as the server writes them
    let size = bytes, unit = 0;
    while (size >= 1024 && unit < units.length - 1) { size /= 1024; unit++; }
    return unit === 0 ? bytes + " B" : (Math.round(size * 10) / 10) + " " + units[unit];
  }

  // ---- Uploads ----
  const form = document.getElementById("upload-form");
  if (form) {
    const input = document.getElementById("upload-files");
    const drop = document.getElementById("drop-zone");
    const list = document.getElementById("upload-list");
    const maxBytes = Number(form.dataset.maxBytes);
    const token = form.querySelector("input[name='__RequestVerificationToken']").value;

    function uploadOne(file) {
      const item = document.createElement("li");
      const progress = document.createElement("progress");
      progress.max = 100; progress.value = 0;
      progress.setAttribute("aria-label", "Progress of " + file.name);
      const state = text("span", "waiting", "state");
      item.append(text("span", file.name + " (" + formatSize(file.size) + ")", "name"), progress, state);
      list.append(item);
      if (file.size > maxBytes) {
        state.textContent = "too large: the limit is " + formatSize(maxBytes);
        state.className = "state failed";
        item.dataset.result = "failed";
        return;
      }
      const data = new FormData();
      data.append("prefix", document.getElementById("upload-prefix").value);
      data.append("files", file, file.name);
      const request = new XMLHttpRequest();
      request.open("POST", form.action);
      request.setRequestHeader("RequestVerificationToken", token);
      request.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) { progress.value = Math.round(100 * e.loaded / e.total); state.textContent = progress.value + "%"; }
      });
      request.addEventListener("load", function () {
        if (request.status === 200) {
          progress.value = 100;
          state.textContent = "uploaded";
          item.dataset.result = "uploaded";
        } else {
          let detail = "HTTP " + request.status;
          try { const problem = JSON.parse(request.responseText); detail = problem.detail || problem.title || detail; } catch (_) { /* not JSON */ }
          state.textContent = "failed: " + detail;
          state.className = "state failed";
          item.dataset.result = "failed";
        }
      });
      request.addEventListener("error", function () {
        state.textContent = "failed: the connection broke";
        state.className = "state failed";
        item.dataset.result = "failed";
      });
      request.send(data);
    }

    function uploadAll(files) { Array.from(files).forEach(uploadOne); }

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      uploadAll(input.files);
      input.value = "";
    });
    ["dragenter", "dragover"].forEach(function (name) {
      drop.addEventListener(name, function (e) { e.preventDefault(); drop.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (name) {
      drop.addEventListener(name, function () { drop.classList.remove("over"); });
    });
    drop.addEventListener("drop", function (e) {
      e.preventDefault();
      uploadAll(e.dataTransfer.files);
    });
  }

  // ---- Live records ----
  const body = document.getElementById("records");
  if (body && body.dataset.liveUrl && window.EventSource) {
    const status = document.getElementById("live-status");
    const filtered = body.dataset.filtered === "true";
    let fresh = 0;
    const source = new EventSource(body.dataset.liveUrl);
    source.addEventListener("open", function () { status.textContent = "Live: new records appear as they are processed."; });
    source.addEventListener("error", function () { status.textContent = "Live updates paused; retrying…"; });
    // The feed starts at the newest time this page shows (inclusive), so its first event(s) may be records the
    // page already has: a row with the same key and processing time is the same version and is skipped.
    function shown(record) {
      const time = Date.parse(record.processedAt);
      return Array.from(body.rows).some(function (row) {
        return row.dataset.key === record.key && Date.parse(row.dataset.processedAt) === time;
      });
    }
    source.addEventListener("record", function (e) {
      const record = JSON.parse(e.data);
      if (shown(record)) return;
      if (filtered) {
        fresh++;
        status.textContent = fresh + " new record(s) since this page loaded; clear the filters to see them live.";
        return;
      }
      const row = document.createElement("tr");
      row.dataset.key = record.key;
      row.dataset.processedAt = record.processedAt;
      row.className = "fresh";
      const keyCell = document.createElement("td");
      keyCell.className = "key";
      const link = text("a", record.key);
      link.href = record.detailUrl;
      keyCell.append(link);
      const statusName = String(record.status).toUpperCase();
      const statusCell = document.createElement("td");
      statusCell.append(text("span", statusName, "badge badge-" + statusName.toLowerCase()));
      const time = text("time", record.processedAtText);
      time.dateTime = record.processedAt;
      const timeCell = document.createElement("td");
      timeCell.append(time);
      row.append(keyCell, statusCell, text("td", record.sizeText, "num"), text("td", record.detectedType || "—"), text("td", record.details || ""), timeCell);
      for (const existing of Array.from(body.rows)) {
        if (existing.dataset.key === record.key) existing.remove();
      }
      body.prepend(row);
      const empty = document.getElementById("empty");
      if (empty) empty.remove();
      status.textContent = "New record: " + record.key + " (" + statusName + ")";
    });
  }
})();
