// Consulta offline queue: each finished kiosk response waits in IndexedDB on the tablet until the
// server has it (201 or 200). A sync loop on every kiosk page sends the oldest first, one at a time,
// waiting longer after each failure; 409 and 422 are kept aside for the facilitator, never resent.
// Only the facilitator's panel, behind the PIN, shows what the queue holds.
(function () {
  "use strict";
  var FIRST_WAIT = 2000;           // ms after the first failure, doubling each time
  var LONGEST_WAIT = 5 * 60 * 1000;
  var SEND_TIMEOUT = 30000;
  var LAST_SYNC = "consulta.lastSync";
  var PIN_FAILS = "consulta.pinFails";

  // Storage ------------------------------------------------------------------------------------

  var opened = null;
  function db() {
    if (!opened) {
      opened = new Promise(function (resolve, reject) {
        var req = indexedDB.open("consulta", 1);
        req.onupgradeneeded = function () { req.result.createObjectStore("queue", { keyPath: "id" }); };
        req.onsuccess = function () { resolve(req.result); };
        req.onerror = function () { reject(req.error); };
      });
    }
    return opened;
  }

  // run does one request in a transaction and resolves once the transaction is complete.
  function run(mode, fn) {
    return db().then(function (d) {
      return new Promise(function (resolve, reject) {
        var tx = mode === "readwrite" ? d.transaction("queue", mode, { durability: "strict" }) : d.transaction("queue", mode);
        var req = fn(tx.objectStore("queue"));
        tx.oncomplete = function () { resolve(req.result); };
        tx.onerror = tx.onabort = function () { reject(tx.error); };
      });
    });
  }

  function all() {
    return run("readonly", function (s) { return s.getAll(); }).then(function (items) {
      return items.sort(function (a, b) { return a.queuedAt - b.queuedAt; });
    });
  }

  function save(item) { return run("readwrite", function (s) { return s.put(item); }).then(changed); }
  function remove(id) { return run("readwrite", function (s) { return s.delete(id); }).then(changed); }
  function changed() { document.dispatchEvent(new Event("consulta-queue")); }

  // put keeps a finished response: the exact JSON body the survey would post, and where to.
  function put(url, body) {
    return save({ id: JSON.parse(body).id, url: url, body: body, status: "waiting", attempts: 0,
      nextAttempt: 0, queuedAt: Date.now() });
  }

  function lastSync() {
    try { return Number(localStorage.getItem(LAST_SYNC)) || 0; } catch (e) { return 0; }
  }

  // Sync ---------------------------------------------------------------------------------------

  var syncing = null;
  var timer = null;
  var resumeAt = 0; // after a failure the round stops; nothing is tried again before this

  // sync sends the responses that are due; force (back online, "sync now") ignores the waits.
  function sync(force) {
    if (syncing) return syncing;
    clearTimeout(timer);
    resumeAt = 0;
    syncing = all().then(function (items) {
      return sendEach(items.filter(function (it) {
        return it.status === "waiting" && (force || it.nextAttempt <= Date.now());
      }));
    }).catch(function () {}).then(function () {
      syncing = null;
      return schedule();
    });
    return syncing;
  }

  function sendEach(items) {
    if (!items.length) return Promise.resolve();
    return send(items[0]).then(function (goOn) { return goOn && sendEach(items.slice(1)); });
  }

  // send posts one response and resolves whether the round may go on to the next one.
  function send(item) {
    var abort = window.AbortController ? new AbortController() : null;
    var timeout = abort && setTimeout(function () { abort.abort(); }, SEND_TIMEOUT);
    return fetch(item.url, { method: "POST", headers: { "Content-Type": "application/json" }, body: item.body,
      credentials: "same-origin", cache: "no-store", signal: abort ? abort.signal : undefined })
      .then(function (res) {
        clearTimeout(timeout);
        if (res.status === 201 || res.status === 200) {
          try { localStorage.setItem(LAST_SYNC, String(Date.now())); } catch (e) { /* the count still shows */ }
          return remove(item.id).then(function () { return true; });
        }
        if (res.status >= 500 || res.status === 408 || res.status === 429) return later(item);
        // A conflict or invalid answers would be refused again: kept aside, shown behind the PIN.
        return res.json().catch(function () { return {}; }).then(function (body) {
          item.status = "kept";
          item.http = res.status;
          item.reason = reason(body);
          return save(item).then(function () { return true; });
        });
      }, function () {
        clearTimeout(timeout);
        return later(item);
      });
  }

  function later(item) {
    item.attempts += 1;
    item.nextAttempt = Date.now() + Math.min(FIRST_WAIT * Math.pow(2, item.attempts - 1), LONGEST_WAIT);
    resumeAt = item.nextAttempt;
    return save(item).then(function () { return false; }, function () { return false; });
  }

  function reason(body) {
    if (body.errors && body.errors.length) {
      return body.errors.map(function (e) { return e.question + ": " + e.message; }).join("; ");
    }
    return body.error || "";
  }

  function schedule() {
    return all().then(function (items) {
      var next = Infinity;
      items.forEach(function (it) { if (it.status === "waiting") next = Math.min(next, it.nextAttempt); });
      if (next === Infinity) return;
      clearTimeout(timer);
      timer = setTimeout(function () { sync(false); }, Math.max(next, resumeAt) - Date.now());
    }).catch(function () {});
  }

  // Response ids and the PIN -------------------------------------------------------------------

  // newID is a random (version 4) UUID; crypto.randomUUID is missing on plain-http LAN addresses.
  function newID() {
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    b[6] = b[6] & 0x0f | 0x40;
    b[8] = b[8] & 0x3f | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  // sha256 returns the hex SHA-256 of a string; crypto.subtle is missing on plain-http LAN addresses.
  var K = [], H0 = [];
  (function () {
    var frac = function (x) { return (x - Math.floor(x)) * 4294967296 | 0; };
    for (var n = 2; K.length < 64; n++) {
      for (var d = 2; d * d <= n && n % d; d++);
      if (d * d > n) {
        if (H0.length < 8) H0.push(frac(Math.sqrt(n)));
        K.push(frac(Math.cbrt(n)));
      }
    }
  })();

  function sha256(text) {
    var data = new TextEncoder().encode(text);
    var size = (data.length + 72) & ~63;
    var m = new Uint8Array(size);
    m.set(data);
    m[data.length] = 0x80;
    var bits = data.length * 8;
    for (var i = 1; i <= 4; i++, bits = Math.floor(bits / 256)) m[size - i] = bits & 255;
    var h = H0.slice();
    var w = new Array(64);
    var rotr = function (x, n) { return (x >>> n) | (x << (32 - n)); };
    for (var off = 0; off < size; off += 64) {
      for (i = 0; i < 16; i++) w[i] = m[off + 4 * i] << 24 | m[off + 4 * i + 1] << 16 | m[off + 4 * i + 2] << 8 | m[off + 4 * i + 3];
      for (i = 16; i < 64; i++) {
        var x = w[i - 15], y = w[i - 2];
        w[i] = (w[i - 16] + (rotr(x, 7) ^ rotr(x, 18) ^ x >>> 3) + w[i - 7] + (rotr(y, 17) ^ rotr(y, 19) ^ y >>> 10)) | 0;
      }
      var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
      for (i = 0; i < 64; i++) {
        var t1 = (k + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + (e & f ^ ~e & g) + K[i] + w[i]) | 0;
        var t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + (a & b ^ a & c ^ b & c)) | 0;
        k = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      var add = [a, b, c, d, e, f, g, k];
      h = h.map(function (v, j) { return (v + add[j]) | 0; });
    }
    return h.map(function (v) { return ("0000000" + (v >>> 0).toString(16)).slice(-8); }).join("");
  }

  // The facilitator's panel ----------------------------------------------------------------------

  // fill puts args in place of %d and %s, in order.
  function fill(s, args) {
    var i = 0;
    return s.replace(/%[ds]/g, function () { return String(args[i++]); });
  }

  function when(ms) { return new Date(ms).toLocaleString(document.documentElement.lang || undefined); }

  // panel fills the queue panel from the queue and keeps it current; it resolves with the items.
  function panel(el) {
    var t = el.dataset;
    var count = el.querySelector(".js-count");
    var last = el.querySelector(".js-last");
    var offline = el.querySelector(".js-offline");
    var kept = el.querySelector(".js-kept");
    var button = el.querySelector(".js-sync-now");
    var label = button.textContent;
    offline.textContent = t.noConnection;
    function render() {
      return all().then(function (items) {
        var waiting = items.filter(function (it) { return it.status === "waiting"; });
        var aside = items.filter(function (it) { return it.status !== "waiting"; });
        count.textContent = waiting.length ? fill(t.waiting, [waiting.length]) : t.allSent;
        last.textContent = fill(t.lastSync, [lastSync() ? when(lastSync()) : t.never]);
        offline.hidden = navigator.onLine !== false;
        kept.hidden = !aside.length;
        var list = kept.querySelector("ul");
        list.textContent = "";
        aside.forEach(function (it) {
          var li = document.createElement("li");
          li.textContent = fill(t.keptItem, [when(it.queuedAt), it.http, it.reason]);
          list.appendChild(li);
        });
        return items;
      });
    }
    button.addEventListener("click", function () {
      button.disabled = true;
      button.textContent = t.syncing;
      sync(true).then(render).catch(function () {}).then(function () {
        button.disabled = false;
        button.textContent = label;
      });
    });
    document.addEventListener("consulta-queue", render);
    window.addEventListener("online", render);
    window.addEventListener("offline", render);
    return render();
  }

  // The exit page checks the PIN on the server when it can be reached, and on the tablet when not.
  function exitPage(form) {
    var error = document.getElementById("pin-error");
    var el = document.getElementById("queue-panel");
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var pin = form.elements.pin.value;
      reachable().then(function (online) {
        if (online) { form.submit(); return; }
        var wait = pinWait();
        if (wait > 0) return show(fill(form.dataset.wait, [Math.ceil(wait / 1000)]));
        if (!form.dataset.pinCheck) return show(form.dataset.unknown);
        if (sha256("consulta-kiosk:" + form.dataset.session + ":" + pin) !== form.dataset.pinCheck) {
          pinFailed();
          return show(form.dataset.wrong);
        }
        pinPassed();
        form.hidden = true;
        error.hidden = true;
        el.querySelector(".js-locked").hidden = false;
        el.hidden = false;
        panel(el);
        // Back online the server must hear the PIN: the field to type it in comes back.
        window.addEventListener("online", function () {
          form.hidden = false;
          form.elements.pin.focus();
        }, { once: true });
      });
    });
    function show(msg) { error.textContent = msg; error.hidden = false; form.elements.pin.value = ""; }
  }

  function reachable() {
    var abort = window.AbortController ? new AbortController() : null;
    var timeout = abort && setTimeout(function () { abort.abort(); }, 5000);
    return fetch("/healthz", { cache: "no-store", signal: abort ? abort.signal : undefined })
      .then(function (res) { return res.ok; }, function () { return false; })
      .then(function (ok) { clearTimeout(timeout); return ok; });
  }

  // Wrong PINs offline are slowed down as the server slows them: after three, a growing wait.
  function pinState() {
    try { return JSON.parse(localStorage.getItem(PIN_FAILS)) || { n: 0, until: 0 }; } catch (e) { return { n: 0, until: 0 }; }
  }
  function pinWait() { return pinState().until - Date.now(); }
  function pinFailed() {
    var s = pinState();
    s.n += 1;
    if (s.n >= 3) s.until = Date.now() + Math.min(5000 * Math.pow(2, s.n - 3), LONGEST_WAIT);
    try { localStorage.setItem(PIN_FAILS, JSON.stringify(s)); } catch (e) { /* nothing to keep */ }
  }
  function pinPassed() {
    try { localStorage.removeItem(PIN_FAILS); } catch (e) { /* nothing kept */ }
  }

  // Start ----------------------------------------------------------------------------------------

  window.ConsultaQueue = { put: put, all: all, sync: sync, newID: newID, sha256: sha256 };

  if (!window.indexedDB) return;
  window.addEventListener("online", function () { sync(true); });
  sync(false);

  var exit = document.getElementById("kiosk-exit");
  var el = document.getElementById("queue-panel");
  if (exit && el) {
    exitPage(exit);
  } else if (el) {
    // The session page shows the panel on a tablet that has taken responses.
    panel(el).then(function (items) { el.hidden = !items.length && !lastSync(); }).catch(function () {});
  }
})();
