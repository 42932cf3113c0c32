// Perencanaan: "pilih semua" for the staff list when sharing an RHK. The page works without this file.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var all = event.target.closest("[data-pilih-semua]");
    if (!all) return;
    var box = document.getElementById(all.getAttribute("data-pilih-semua"));
    if (!box) return;
    box.querySelectorAll("input[type=checkbox]").forEach(function (cb) { cb.checked = all.checked; });
  });
})();
