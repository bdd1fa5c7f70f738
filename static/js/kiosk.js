// Kiosk thank-you screen: after a short pause the tablet returns to a blank welcome screen,
// replacing history so the back button leads nowhere near the previous participant.
(function () {
  "use strict";
  var el = document.getElementById("kiosk-thanks");
  if (!el) return;
  var back = el.getAttribute("data-return");
  var button = el.querySelector(".js-next-person");
  function reset() { location.replace(back); }
  if (button) button.addEventListener("click", function (e) { e.preventDefault(); reset(); });
  setTimeout(reset, 10000);
})();
