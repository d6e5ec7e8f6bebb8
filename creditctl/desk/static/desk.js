/* creditctl review desk: the live events table (server-sent events). Every core action works without it. */
(function () {
  "use strict";
  function cell(row, text) { var td = document.createElement("td"); td.textContent = text == null ? "" : String(text); row.appendChild(td); return td; }
  document.addEventListener("DOMContentLoaded", function () {
    var table = document.querySelector("table[data-sse]");
    if (!table || !window.EventSource) { return; }
    var body = table.querySelector("tbody");
    var source = new EventSource(table.getAttribute("data-sse"));
    source.addEventListener("event", function (message) {
      var e = JSON.parse(message.data);
      var row = document.createElement("tr");
      row.className = "lvl-" + e.level;
      cell(row, e.at_local).className = "nowrap";
      var idCell = cell(row, "");
      if (e.email_id) { var a = document.createElement("a"); a.href = "/desk/ops/email/" + e.email_id; a.textContent = "#" + e.email_id; idCell.appendChild(a); }
      cell(row, e.kind_local || e.kind);
      cell(row, (e.from_local || e.from_status || "") + (e.to_status ? " → " + (e.to_local || e.to_status) : ""));
      cell(row, e.message_local || e.message);
      body.insertBefore(row, body.firstChild);
      while (body.rows.length > 500) { body.deleteRow(body.rows.length - 1); }
    });
    source.onerror = function () { var s = document.getElementById("live-state"); if (s) { s.classList.add("warn"); } };
  });
})();
