// Session page: tells the facilitator (never the child) in which of the survey's languages this
// tablet has no voice to read aloud, so they know to read the questions themselves.
(function () {
  "use strict";
  var el = document.getElementById("voice-notice");
  var speech = window.ConsultaSpeech;
  if (!el || !window.ConsultaWords || !speech) return;
  var w = window.ConsultaWords.t;
  var langs = el.dataset.languages.split(" ");
  function check() {
    var missing = langs.filter(function (l) { return !speech.voiceFor(l); })
      .map(function (l) { return w("language." + l); });
    el.textContent = missing.length ? w("session.no_voice", [missing.join(", ")]) : "";
    el.hidden = missing.length === 0;
  }
  // Decide once the voices have arrived, or after a moment when none has.
  speech.onVoices(check, 1500);
})();
