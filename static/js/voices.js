// Session page: tells the facilitator (never the child) in which of the survey's languages this
// tablet has no voice to read aloud, so they know to read the questions themselves.
(function () {
  "use strict";
  var el = document.getElementById("voice-notice");
  if (!el || !window.ConsultaWords) return;
  var w = window.ConsultaWords.t;
  var langs = el.dataset.languages.split(" ");
  var synth = window.speechSynthesis;
  var base = function (l) { return (l || "").toLowerCase().replace("_", "-").split("-")[0]; };
  function check() {
    var voices = synth ? synth.getVoices() || [] : [];
    var missing = [];
    langs.forEach(function (l) {
      if (!voices.some(function (v) { return base(v.lang) === l; })) missing.push(w("language." + l));
    });
    el.textContent = missing.length ? w("session.no_voice", [missing.join(", ")]) : "";
    el.hidden = missing.length === 0;
  }
  // Browsers load their voices late: ask again when they arrive, and decide after a moment.
  if (synth && synth.addEventListener) synth.addEventListener("voiceschanged", check);
  if (synth && (synth.getVoices() || []).length) check();
  else setTimeout(check, 1500);
})();
