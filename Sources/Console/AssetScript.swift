/// `/static/console.js`: the only script (CSP `default-src 'self'`, no inline script).
///
/// - Ticks every `[data-deadline]` countdown once a second against the server's clock
///   (`data-now` of the board fixes the offset).
/// - Follows `/events` (server-sent events). Each `board` event carries the board's HTML; it
///   replaces `#live` only. Inputs inside `#live` keep their value and focus across the swap,
///   and forms live outside it, so what an officer is typing is never reset.
/// - On a lost stream the banner says since when the board is stale; EventSource reconnects
///   by itself and the first event after it resynchronises the whole board; a stream the
///   server refuses (a restarted console forgot the session) reloads the page after 5 s.
enum AssetScript {
    static let text = #"""
"use strict";
(function () {
  var offset = 0;
  function pad(n) { return n < 10 ? "0" + n : "" + n; }
  function clock(seconds) {
    var a = Math.abs(seconds), h = Math.floor(a / 3600), m = Math.floor(a / 60) % 60, s = a % 60;
    var body = h > 0 ? h + ":" + pad(m) + ":" + pad(s) : m + ":" + pad(s);
    return seconds < 0 ? "-" + body : body;
  }
  function syncClock() {
    var board = document.querySelector("[data-now]");
    if (board) { offset = parseInt(board.getAttribute("data-now"), 10) - Date.now(); }
  }
  function tick() {
    var now = Date.now() + offset;
    document.querySelectorAll("[data-deadline]").forEach(function (el) {
      var seconds = Math.round((parseInt(el.getAttribute("data-deadline"), 10) - now) / 1000);
      el.textContent = clock(seconds);
      el.classList.toggle("late", seconds < 0);
      var row = el.closest("tr");
      if (row && seconds < 0) { row.classList.add("overdue"); }
    });
    var wall = document.getElementById("wall-clock");
    if (wall) {
      var d = new Date(now);
      wall.textContent = pad(d.getHours()) + ":" + pad(d.getMinutes()) + ":" + pad(d.getSeconds());
    }
  }
  function swap(live, html) {
    var kept = {};
    live.querySelectorAll("input[id],select[id],textarea[id]").forEach(function (el) { kept[el.id] = el.value; });
    var focused = document.activeElement && live.contains(document.activeElement) ? document.activeElement.id : null;
    live.innerHTML = html;
    Object.keys(kept).forEach(function (id) { var el = document.getElementById(id); if (el) { el.value = kept[id]; } });
    if (focused) { var f = document.getElementById(focused); if (f) { f.focus(); } }
    syncClock();
    tick();
  }
  function follow() {
    var live = document.getElementById("live");
    var banner = document.getElementById("connection");
    if (!live || !live.getAttribute("data-events") || !window.EventSource) { return; }
    var lastGood = Date.now();
    var source = new EventSource(live.getAttribute("data-events"));
    function fresh() {
      lastGood = Date.now();
      if (banner) { banner.className = "connection live"; banner.textContent = banner.getAttribute("data-live"); }
    }
    // The first event after a connect carries the current version: no swap when the page
    // already shows it (a fresh load), a full resynchronisation when it does not (a reconnect).
    source.addEventListener("board", function (event) {
      if (event.lastEventId !== live.getAttribute("data-version")) { swap(live, event.data); }
      live.setAttribute("data-version", event.lastEventId);
      fresh();
    });
    source.addEventListener("ping", fresh);
    source.addEventListener("open", fresh);
    source.addEventListener("error", function () {
      if (banner) {
        var d = new Date(lastGood);
        banner.className = "connection stale";
        banner.textContent = banner.getAttribute("data-stale") + " " + pad(d.getHours()) + ":" + pad(d.getMinutes()) + ":" + pad(d.getSeconds());
      }
      // A refused stream (the console restarted and the session is gone) is not retried by
      // the browser: load the page again in a while (the login page if need be).
      if (source.readyState === EventSource.CLOSED) {
        setTimeout(function () { window.location.reload(); }, 5000);
      }
    });
    setInterval(function () {
      if (banner && Date.now() - lastGood > 40000) { banner.className = "connection stale"; }
    }, 5000);
  }
  document.addEventListener("DOMContentLoaded", function () {
    syncClock();
    tick();
    setInterval(tick, 1000);
    follow();
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
    document.querySelectorAll("[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
      });
    });
  });
})();
"""#
}
