// Words: the one way a script gets the words it shows. The page writes them from the catalogue,
// in each language a script may need, as one JSON island (id "words"); no other attribute or
// island carries words. Load it before the scripts that use it.
(function () {
  "use strict";
  var all = {};
  var island = document.getElementById("words");
  if (island) {
    try {
      all = JSON.parse(island.textContent) || {};
    } catch (e) {
      all = {};
    }
  }
  // t returns the message for key in lang (the page's language when none), each %d and %s in
  // turn replaced by the next of args; a missing message shows its key, as on the server.
  function t(key, args, lang) {
    var words = all[lang || document.documentElement.lang] || {};
    var s = words[key];
    if (s === undefined) return key;
    (args || []).forEach(function (a) { s = s.replace(/%[ds]/, function () { return String(a); }); });
    return s;
  }
  window.ConsultaWords = { t: t };
})();
