// Report back to children: reads the page aloud (every element marked data-say, in order) with
// the device's voice in the page's language, as the child survey does; the button shows only
// where the tablet has such a voice.
(function () {
  "use strict";
  var button = document.querySelector(".js-read-page");
  var synth = window.speechSynthesis;
  if (!button || !synth) return;
  var lang = (document.documentElement.lang || "es").toLowerCase();
  function voiceFor(l) {
    var voices = synth.getVoices() || [];
    for (var i = 0; i < voices.length; i++) {
      if ((voices[i].lang || "").toLowerCase().replace("_", "-").split("-")[0] === l) return voices[i];
    }
    return null;
  }
  function update() { button.hidden = !voiceFor(lang); }
  if (synth.addEventListener) synth.addEventListener("voiceschanged", update);
  update();
  button.addEventListener("click", function () {
    var voice = voiceFor(lang);
    if (!voice) return;
    synth.cancel();
    document.querySelectorAll("[data-say]").forEach(function (el) {
      var text = el.textContent.replace(/\s+/g, " ").trim();
      if (!text) return;
      var u = new SpeechSynthesisUtterance(text);
      u.lang = voice.lang || lang;
      u.voice = voice;
      synth.speak(u);
    });
  });
})();
