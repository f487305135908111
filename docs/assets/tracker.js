/* The tracker's only script, shipped with the site (the Content-Security-Policy allows no
   other): it fills in what a page can know only when it is read. Runs on every page Material's
   instant navigation shows (document$), and every part works without it.
   - "Cite this page": today's date as the access date, in place of the placeholder. */
(function () {
  "use strict";

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function accessDate(root) {
    var now = new Date();
    var long = now.getDate() + " " + MONTHS[now.getMonth()] + " " + now.getFullYear();
    var iso = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
    root.querySelectorAll("[data-tk-today]").forEach(function (el) {
      el.textContent = el.getAttribute("data-tk-today") === "iso" ? iso : long;
    });
  }

  function run() {
    accessDate(document);
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(run);  // Material: every page shown, instant navigation included
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
