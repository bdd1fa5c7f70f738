// Consulta survey: one question per screen, skip logic from the server's parsed expressions,
// language switching without losing answers, and submission to the JSON API.
// Without this script the page is one long form that the server checks.
(function () {
  "use strict";
  var island = document.getElementById("survey-data");
  var form = document.getElementById("survey-form");
  if (!island || !form || !window.ConsultaRelevant || !window.ConsultaWords || !window.ConsultaSpeech) return;
  var speech = window.ConsultaSpeech;
  var data = JSON.parse(island.textContent);
  var survey = data.survey;
  var lang = data.lang;
  var questions = {};
  survey.questions.forEach(function (q) { questions[q.id] = q; });
  var screens = Array.prototype.slice.call(form.querySelectorAll("fieldset.q"));
  var current = 0;
  var shownScreen = null;
  var skipStatus = null;
  var back = form.querySelector(".js-back");
  var next = form.querySelector(".js-next");
  var send = form.querySelector(".js-send");
  var toolbar = form.querySelector(".toolbar");
  var progress = form.querySelector(".progress");
  var readButton = form.querySelector(".js-read");
  var skipButton = form.querySelector(".js-skip");
  var child = survey.audience === "child";
  var sendError = form.querySelector(".send-error");
  var sendNote = form.querySelector(".send-note");

  document.documentElement.classList.add("js");
  var paper = !!data.paper;

  // A page answering a POST (a form with errors) becomes a plain page in the history, so Back
  // and reload never ask to send the form again.
  if (data.posted && history.replaceState) history.replaceState(null, "", location.pathname + location.search);

  // A kiosk page may come from the offline cache: every participant gets a fresh response id.
  if (data.kiosk && window.ConsultaQueue) form.querySelector('[name="_id"]').value = window.ConsultaQueue.newID();

  // t is the message for key in the survey's current language, from the page's words.
  function t(key, args) { return window.ConsultaWords.t(key, args, lang); }

  function inputs(id) { return form.querySelectorAll('[name="' + id + '"]'); }

  // value returns an answer as the API takes it: null when unanswered.
  function value(id) {
    var q = questions[id];
    if (!q || q.type === "note") return null;
    var els = inputs(id);
    var checked = Array.prototype.filter.call(els, function (e) { return (e.type === "radio" || e.type === "checkbox") && e.checked; })
      .map(function (e) { return e.value; });
    if (checked.indexOf("prefer_not") >= 0 && ["select_multiple", "rank"].indexOf(q.type) < 0) {
      return q.type === "select_one" ? "prefer_not" : "prefer_not";
    }
    switch (q.type) {
      case "select_one": return checked[0] || null;
      case "select_multiple": return checked.length ? checked : null;
      case "scale": return checked.length ? Number(checked[0]) : null;
      case "yes_no": return checked.length ? checked[0] === "yes" : null;
      case "rank":
        var order = [];
        for (var i = 1; i <= q.rank; i++) {
          var sel = form.querySelector('[name="' + id + "." + i + '"]');
          if (sel && sel.value) order.push(sel.value);
        }
        return order.length ? order : null;
      case "integer":
        var n = form.querySelector('input[type=number][name="' + id + '"]');
        return n && n.value.trim() !== "" ? Number(n.value) : null;
      case "text":
        var ta = form.querySelector('textarea[name="' + id + '"]');
        return ta && ta.value.trim() !== "" ? ta.value.trim() : null;
    }
    return null;
  }

  function relevant(q) {
    if (!q.relevant_expr) return true;
    return window.ConsultaRelevant.evaluate(q.relevant_expr, function (ref) {
      return relevant(questions[ref]) ? value(ref) : null;
    });
  }

  function applicable() {
    return screens.filter(function (el) { return relevant(questions[el.dataset.q]); });
  }

  function show(index) {
    if (paper) { layout(); return; }
    var list = applicable();
    current = Math.max(0, Math.min(index, list.length - 1));
    screens.forEach(function (el) { el.classList.remove("current"); });
    var el = list[current];
    el.classList.add("current");
    back.hidden = current === 0;
    next.hidden = current === list.length - 1;
    send.hidden = current !== list.length - 1;
    if (sendNote) sendNote.hidden = send.hidden;
    // After the first screen the survey's title stays, small, out of the question's way.
    var title = document.getElementById("survey-title");
    if (title) title.classList.toggle("compact", current > 0);
    if (skipButton) skipButton.hidden = el.dataset.type === "note";
    if (skipStatus && el !== shownScreen) skipStatus.textContent = "";
    shownScreen = el;
    toolbar.hidden = false;
    // Only questions one can answer are counted; while skip logic may still add or drop some
    // of those ahead, the total is said as "about".
    var answerable = list.filter(function (x) { return questions[x.dataset.q].type !== "note"; });
    var at = answerable.indexOf(el);
    var done = answerable.filter(function (x) { return list.indexOf(x) < current; }).length;
    var ahead = screens.slice(screens.indexOf(el) + 1).some(function (x) {
      var q = questions[x.dataset.q];
      return q.type !== "note" && !!q.relevant_expr;
    });
    progress.textContent = at < 0 ? "" : t(ahead ? "survey.progress_about" : "survey.progress", [at + 1, answerable.length]);
    var bar = toolbar.querySelector("progress");
    if (!bar) {
      bar = document.createElement("progress");
      bar.setAttribute("aria-hidden", "true");
      toolbar.insertBefore(bar, progress.nextSibling);
    }
    bar.max = Math.max(1, answerable.length);
    bar.value = at < 0 ? done : at + 1;
  }

  // Paper entry: the whole form on one page; questions skip logic hides are hidden and left out.
  function layout() {
    screens.forEach(function (el) { el.hidden = !relevant(questions[el.dataset.q]); });
  }

  // Paper entry: a ticked radio can be cleared, as a facilitator can rub out a mistake.
  if (paper) {
    screens.forEach(function (el) {
      if (!el.querySelector('input[type="radio"]')) return;
      var b = document.createElement("button");
      b.type = "button";
      b.className = "button secondary clear-answer";
      b.dataset.t = "survey.clear_answer";
      b.textContent = t("survey.clear_answer");
      b.addEventListener("click", function () {
        el.querySelectorAll('input[type="radio"]').forEach(function (i) { i.checked = false; });
        form.dispatchEvent(new Event("change"));
      });
      el.appendChild(b);
    });
  }

  function setError(el, message) {
    var p = el.querySelector("p.error");
    if (!message) {
      if (p && p.dataset.js) p.remove();
      el.classList.remove("has-error");
      el.removeAttribute("aria-describedby");
      return;
    }
    if (!p) {
      p = document.createElement("p");
      p.className = "error";
      p.id = "err-" + el.dataset.q;
      p.dataset.js = "1";
      var legend = el.querySelector("legend");
      legend.parentNode.insertBefore(p, legend.nextSibling);
    }
    p.textContent = message;
    el.classList.add("has-error");
    el.setAttribute("aria-describedby", p.id);
  }

  // check is a convenience before moving on; the server's check is the one that counts.
  function check(el) {
    var q = questions[el.dataset.q];
    var v = value(q.id);
    var msg = "";
    if (q.required && v === null) msg = t("js.required");
    else if (q.type === "integer" && typeof v === "number" &&
      ((q.min !== undefined && v < q.min) || (q.max !== undefined && v > q.max) || Math.floor(v) !== v)) msg = t("js.range");
    else if (q.type === "text" && typeof v === "string" && v.length > q.max_length) msg = t("js.too_long");
    setError(el, msg);
    return !msg;
  }

  function focusCurrent() {
    var el = applicable()[current];
    var target = el.querySelector("legend") || el;
    target.setAttribute("tabindex", "-1");
    target.focus();
  }

  next.addEventListener("click", function () {
    var el = applicable()[current];
    if (!check(el)) { focusCurrent(); return; }
    show(current + 1);
    focusCurrent();
  });
  back.addEventListener("click", function () { show(current - 1); focusCurrent(); });

  // Labels in every language come from the survey JSON, so switching keeps the answers.
  function label(q, field) {
    var band = value("age_band");
    var v = q.variants && band && q.variants[band];
    var l = (v && v[field]) || q[field] || {};
    return l[lang] || l[survey.default_language] || "";
  }

  function relabel() {
    document.documentElement.lang = lang;
    form.querySelector('[name="_lang"]').value = lang;
    var title = document.getElementById("survey-title");
    if (title) title.textContent = survey.title[lang] || title.textContent;
    form.querySelectorAll("[data-label]").forEach(function (el) { el.textContent = label(questions[el.dataset.label], "label"); });
    form.querySelectorAll("[data-hint]").forEach(function (el) { el.textContent = label(questions[el.dataset.hint], "hint"); });
    form.querySelectorAll("[data-choice]").forEach(function (el) {
      var parts = el.dataset.choice.split(":");
      var q = questions[parts[0]];
      (q.choices || []).forEach(function (c) { if (c.id === parts[1]) el.textContent = c.label[lang] || el.textContent; });
    });
    document.querySelectorAll("[data-t]").forEach(function (el) {
      el.textContent = t(el.dataset.t, el.dataset.args ? el.dataset.args.split(",") : []);
    });
    document.querySelectorAll(".langs [name=_switch]").forEach(function (b) {
      b.setAttribute("aria-pressed", b.value === lang ? "true" : "false");
    });
    if (!toolbar.hidden) show(current);
    updateReadAloud();
  }

  document.querySelectorAll(".langs [name=_switch]").forEach(function (b) {
    b.addEventListener("click", function (e) {
      e.preventDefault();
      lang = b.value;
      // On a shared tablet the language is this participant's alone: it is not remembered.
      if (!data.kiosk) document.cookie = "lang=" + lang + "; path=/; max-age=31536000; samesite=lax";
      relabel();
    });
  });

  form.addEventListener("change", function (e) {
    var name = e.target.name || "";
    // "Prefer not to answer" and exclusive choices ("Nobody", "none") stand alone: ticking one
    // clears the others, and ticking another clears it, on screen.
    if (e.target.type === "checkbox" && e.target.checked) {
      var alone = function (v) {
        if (v === "prefer_not") return true;
        var q = questions[name];
        return !!(q && (q.choices || []).some(function (c) { return c.id === v && c.exclusive; }));
      };
      inputs(name).forEach(function (o) {
        if (o !== e.target && o.checked && (alone(o.value) || alone(e.target.value))) o.checked = false;
      });
    }
    if (name === "age_band") relabel();
    var el = e.target.closest("fieldset.q");
    if (el && el.classList.contains("has-error")) check(el);
    show(current);
  });

  enhanceRanks();

  // A rank question becomes "tap in order of importance"; the selects stay the source of truth.
  function enhanceRanks() {
    form.querySelectorAll("fieldset.q-rank").forEach(function (el) {
      var q = questions[el.dataset.q];
      var selects = el.querySelectorAll("select");
      var box = document.createElement("div");
      box.className = "choices rank-order";
      q.choices.forEach(function (c) {
        var b = document.createElement("button");
        b.type = "button";
        b.className = "choice";
        b.dataset.id = c.id;
        b.setAttribute("aria-pressed", "false");
        if (c.icon) {
          var img = document.createElement("img");
          img.src = iconURL(c.icon);
          img.alt = "";
          img.className = "icon";
          b.appendChild(img);
        }
        var span = document.createElement("span");
        span.dataset.choice = q.id + ":" + c.id;
        span.textContent = c.label[lang] || c.label[survey.default_language];
        b.appendChild(span);
        var place = document.createElement("span");
        place.className = "place";
        place.hidden = true;
        b.appendChild(place);
        b.addEventListener("click", function () { toggle(c.id); });
        box.appendChild(b);
      });
      var clear = document.createElement("button");
      clear.type = "button";
      clear.className = "button secondary js-rank-clear";
      clear.dataset.t = "survey.rank_clear";
      clear.textContent = t("survey.rank_clear");
      clear.addEventListener("click", function () { order = []; sync(); });
      el.querySelector(".rank-places").hidden = true;
      el.appendChild(box);
      el.appendChild(clear);
      var order = Array.prototype.map.call(selects, function (s) { return s.value; }).filter(Boolean);
      function toggle(id) {
        var at = order.indexOf(id);
        if (at >= 0) order.splice(at, 1);
        else if (order.length < q.rank) order.push(id);
        sync();
      }
      function sync() {
        selects.forEach(function (s, i) { s.value = order[i] || ""; });
        box.querySelectorAll("button").forEach(function (b) {
          var at = order.indexOf(b.dataset.id);
          var place = b.querySelector(".place");
          place.hidden = at < 0;
          place.textContent = at < 0 ? "" : String(at + 1);
          b.setAttribute("aria-pressed", at < 0 ? "false" : "true");
          b.classList.toggle("chosen", at >= 0);
        });
        form.dispatchEvent(new Event("change"));
      }
      sync();
    });
  }

  function iconURL(name) {
    var any = document.querySelector('img.icon[src*="/icons/"]');
    var base = any ? any.getAttribute("src").replace(/[^/]+\.svg$/, "") : "/static/x/icons/";
    return base + name + ".svg";
  }

  function answers() {
    var out = {};
    survey.questions.forEach(function (q) {
      if (q.type === "note" || !relevant(q)) return;
      var v = value(q.id);
      if (v !== null) out[q.id] = v;
    });
    return out;
  }

  form.addEventListener("submit", function (e) {
    if (paper) return; // the server checks and stores a paper form as posted
    e.preventDefault();
    var el = applicable()[current];
    if (!check(el)) { focusCurrent(); return; }
    var body = {
      id: form.querySelector('[name="_id"]').value,
      survey_version: survey.version,
      language: lang,
      answers: answers()
    };
    if (data.session) body.session = data.session;
    send.disabled = true;
    send.textContent = t("survey.sending");
    sendError.hidden = true;
    // On a kiosk the response waits on the tablet until the server has it, so going offline loses nothing.
    if (data.kiosk && window.ConsultaQueue) {
      window.ConsultaQueue.put(data.post, JSON.stringify(body), data.kiosk.key).then(thanks, function () { post(body); });
      return;
    }
    post(body);
  });

  function thanks() {
    form.reset();
    location.replace(data.thanks + "?lang=" + encodeURIComponent(lang));
  }

  function post(body) {
    var headers = { "Content-Type": "application/json" };
    if (data.kiosk && data.kiosk.key) headers["X-Kiosk-Key"] = data.kiosk.key;
    fetch(data.post, {
      method: "POST",
      headers: headers,
      body: JSON.stringify(body),
      credentials: "same-origin"
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (json) { return { status: res.status, json: json }; });
    }).then(function (r) {
      if (r.status === 201 || r.status === 200) {
        thanks();
        return;
      }
      done();
      if (r.status === 422 && r.json.errors) {
        var first = -1;
        r.json.errors.forEach(function (err) {
          var q = form.querySelector('fieldset[data-q="' + err.question + '"]');
          if (q) {
            setError(q, err.message);
            var at = applicable().indexOf(q);
            if (at >= 0 && (first < 0 || at < first)) first = at;
          } else {
            fail(err.message);
          }
        });
        if (first >= 0) { show(first); focusCurrent(); }
        return;
      }
      fail(r.json.error || t("survey.offline_error"));
    }).catch(function () {
      done();
      fail(t("survey.offline_error"));
    });
  }

  function done() { send.disabled = false; send.textContent = t("survey.send"); }
  function fail(msg) { sendError.textContent = msg; sendError.hidden = false; }

  // "I don't want to answer": the question is left blank and the next one comes. An answer
  // already given is never erased out of sight: it is cleared here, on this screen, and said so;
  // a second tap moves on.
  skipStatus = form.querySelector(".skip-status");
  if (skipButton) {
    skipButton.addEventListener("click", function () {
      var el = applicable()[current];
      var answered = value(el.dataset.q) !== null;
      el.querySelectorAll("input, textarea, select").forEach(function (i) {
        if (i.type === "radio" || i.type === "checkbox") i.checked = false;
        else i.value = "";
      });
      el.querySelectorAll(".rank-order button").forEach(function (b) { b.setAttribute("aria-pressed", "false"); });
      var rankClear = el.querySelector(".js-rank-clear");
      if (rankClear) rankClear.click(); // the rank widget keeps its own order: clear it there too
      setError(el, "");
      form.dispatchEvent(new Event("change"));
      if (answered) {
        if (skipStatus) skipStatus.textContent = t("child.skip_cleared");
        return;
      }
      if (current < applicable().length - 1) { show(current + 1); focusCurrent(); }
    });
  }

  // "Stop" ends kindly and keeps nothing: the answers are dropped, not sent.
  document.querySelectorAll(".js-stop").forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () {
      speech.stop();
      form.reset();
      location.replace(data.stopped + "?lang=" + encodeURIComponent(lang));
    });
  });

  // Before the first question a child hears what this is for and says yes, or leaves.
  var assent = document.getElementById("assent");
  var assentButton = document.querySelector(".js-assent");
  if (assent && assentButton) {
    form.hidden = true;
    assentButton.hidden = false;
    assentButton.addEventListener("click", function () {
      assent.hidden = true;
      form.hidden = false;
      show(0);
      focusCurrent();
    });
  }

  // Read aloud: the question, then each choice, in the survey's language, with the device's voice.
  var readAssent = document.querySelector(".js-read-assent");
  function updateReadAloud() {
    if (readButton) readButton.hidden = !speech.voiceFor(lang);
    if (readAssent) readAssent.hidden = !speech.voiceFor(lang);
  }
  function speak(texts) { speech.speak(lang, texts); }
  function screenTexts(el) {
    var out = [];
    var legend = el.querySelector(".qlabel");
    if (legend) out.push(legend.textContent.trim());
    el.querySelectorAll(".choice, .rank-order button").forEach(function (c) {
      var parts = [];
      c.querySelectorAll("span:not(.n):not(.place)").forEach(function (sp) { parts.push(sp.textContent); });
      var text = parts.join(" ").replace(/\s+/g, " ").trim();
      if (text && out.indexOf(text) < 0) out.push(text);
    });
    return out;
  }
  if (readButton && speech.supported) {
    speech.onVoices(updateReadAloud);
    readButton.addEventListener("click", function () { speak(screenTexts(applicable()[current])); });
  }
  // The assent is read aloud too: what this is for, before the child says yes.
  if (readAssent && speech.supported) {
    readAssent.addEventListener("click", function () {
      var texts = [];
      document.querySelectorAll("#assent h2, #assent li").forEach(function (e) { texts.push(e.textContent.trim()); });
      speak(texts);
    });
  }

  // A shared tablet keeps nothing of an unfinished survey: after a while without a touch it starts over.
  if (data.kiosk) {
    var idle;
    var restart = function () {
      clearTimeout(idle);
      idle = setTimeout(function () { form.reset(); location.replace(data.kiosk.welcome); }, data.kiosk.idle_seconds * 1000);
    };
    ["pointerdown", "keydown", "input", "scroll", "touchstart"].forEach(function (ev) {
      document.addEventListener(ev, restart, { passive: true });
    });
    restart();
  }

  if (!assent) show(0);
})();
