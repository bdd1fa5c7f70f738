// Poster: a print button for browsers where the menu is hard to find on a tablet.
(function () {
  "use strict";
  var b = document.querySelector(".js-print");
  if (!b) return;
  b.hidden = false;
  b.addEventListener("click", function () { window.print(); });
})();
