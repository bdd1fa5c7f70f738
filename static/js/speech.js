// Speech: the device's voices, for every page that reads aloud (the survey, the report back to
// children) or says in which languages the tablet has no voice (the session page). Load it before
// the scripts that use it.
(function () {
  "use strict";
  var synth = window.speechSynthesis || null;
  function base(l) { return (l || "").toLowerCase().replace("_", "-").split("-")[0]; }
  // voiceFor returns the device's first voice in language l, or null when it has none.
  function voiceFor(l) {
    var voices = synth ? synth.getVoices() || [] : [];
    for (var i = 0; i < voices.length; i++) {
      if (base(voices[i].lang) === l) return voices[i];
    }
    return null;
  }
  // speak reads the texts in turn with the voice of language l, after stopping what was being
  // read; it reads nothing where the device has no such voice.
  function speak(l, texts) {
    var voice = voiceFor(l);
    if (!voice) return;
    synth.cancel();
    texts.forEach(function (text) {
      var u = new SpeechSynthesisUtterance(text);
      u.lang = voice.lang || l;
      u.voice = voice;
      synth.speak(u);
    });
  }
  function stop() { if (synth) synth.cancel(); }
  // onVoices calls fn now and again whenever the browser's voices change: browsers load them
  // late. With wait, a first call made before any voice is known waits that many ms instead.
  function onVoices(fn, wait) {
    if (synth && synth.addEventListener) synth.addEventListener("voiceschanged", fn);
    if (wait && !(synth && (synth.getVoices() || []).length)) setTimeout(fn, wait);
    else fn();
  }
  window.ConsultaSpeech = { supported: !!synth, voiceFor: voiceFor, speak: speak, stop: stop, onVoices: onVoices };
})();
