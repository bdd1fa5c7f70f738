// Report back to children: reads the page aloud (every element marked data-say, in order) with
// the device's voice in the page's language, as the child survey does; the button shows only
// where the tablet has such a voice.
(function () {
  "use strict";
  var button = document.querySelector(".js-read-page");
  var speech = window.ConsultaSpeech;
  if (!button || !speech || !speech.supported) return;
  var lang = (document.documentElement.lang || "es").toLowerCase();
  speech.onVoices(function () { button.hidden = !speech.voiceFor(lang); });
  button.addEventListener("click", function () {
    var texts = [];
    document.querySelectorAll("[data-say]").forEach(function (el) {
      var text = el.textContent.replace(/\s+/g, " ").trim();
      if (text) texts.push(text);
    });
    speech.speak(lang, texts);
  });
})();
