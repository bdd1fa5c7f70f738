// Kiosk pages. The thank-you screen returns to a blank welcome screen after a short pause,
// replacing history so the back button leads nowhere near the previous participant. The welcome
// screen asks the service worker to keep everything the survey needs, so it works offline.
(function () {
  "use strict";
  var thanks = document.getElementById("kiosk-thanks");
  if (thanks) {
    var back = thanks.getAttribute("data-return");
    var button = thanks.querySelector(".js-next-person");
    var reset = function () { location.replace(back); };
    if (button) button.addEventListener("click", function (e) { e.preventDefault(); reset(); });
    setTimeout(reset, 10000);
  }

  // Without a service worker (plain http on a LAN address) the queue still keeps every answer.
  if (!("serviceWorker" in navigator)) return;
  var welcome = document.getElementById("kiosk-welcome");
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(function () {
    if (!welcome || navigator.onLine === false) return;
    return navigator.serviceWorker.ready.then(function (reg) {
      var channel = new MessageChannel();
      channel.port1.onmessage = function (e) {
        if (e.data && e.data.complete) document.documentElement.setAttribute("data-offline-ready", "");
      };
      reg.active.postMessage({ type: "keep", session: welcome.dataset.session,
        urls: welcome.dataset.offline.split(/\s+/) }, [channel.port2]);
    });
  }).catch(function () {});
})();
