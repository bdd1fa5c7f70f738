// Consulta offline queue: each finished kiosk response waits in IndexedDB on the tablet until the
// server has it (201 or 200). A sync loop on every kiosk page sends the oldest first, one at a time,
// waiting longer after each failure; 409 and 422 are kept aside for the facilitator, never resent.
// Each response carries the kiosk's own secret (X-Kiosk-Key), so the server still takes it after the
// consultation closes. Only the facilitator's panel shows what the queue holds: in full on the
// session page, and offline, on the still-locked exit page, only how many wait.
(function () {
  "use strict";
  var FIRST_WAIT = 2000;           // ms after the first failure, doubling each time
  var LONGEST_WAIT = 5 * 60 * 1000;
  var SEND_TIMEOUT = 30000;
  var LAST_SYNC = "consulta.lastSync";

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

  // put keeps a finished response: the exact JSON body the survey would post, where to, and the
  // secret of the kiosk that took it.
  function put(url, body, key) {
    return save({ id: JSON.parse(body).id, url: url, body: body, key: key || "", status: "waiting", attempts: 0,
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
    var headers = { "Content-Type": "application/json" };
    if (item.key) headers["X-Kiosk-Key"] = item.key;
    return fetch(item.url, { method: "POST", headers: headers, body: item.body,
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

  // Response ids ---------------------------------------------------------------------------------

  // newID is a random (version 4) UUID; crypto.randomUUID is missing on plain-http LAN addresses.
  function newID() {
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    b[6] = b[6] & 0x0f | 0x40;
    b[8] = b[8] & 0x3f | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  // The facilitator's panel ----------------------------------------------------------------------

  function when(ms) { return new Date(ms).toLocaleString(document.documentElement.lang || undefined); }

  // panel fills the queue panel from the queue and keeps it current; it resolves with the items.
  // countOnly leaves out the responses kept aside: the locked exit page shows only how many wait.
  function panel(el, countOnly) {
    var t = window.ConsultaWords ? window.ConsultaWords.t : function (key) { return key; };
    var count = el.querySelector(".js-count");
    var last = el.querySelector(".js-last");
    var offline = el.querySelector(".js-offline");
    var kept = el.querySelector(".js-kept");
    var button = el.querySelector(".js-sync-now");
    var label = button.textContent;
    offline.textContent = t("offline.no_connection");
    function render() {
      return all().then(function (items) {
        var waiting = items.filter(function (it) { return it.status === "waiting"; });
        var aside = items.filter(function (it) { return it.status !== "waiting"; });
        count.textContent = waiting.length ? t("offline.waiting", [waiting.length]) : t("offline.all_sent");
        last.textContent = t("offline.last_sync", [lastSync() ? when(lastSync()) : t("offline.never")]);
        offline.hidden = navigator.onLine !== false;
        kept.hidden = countOnly || !aside.length;
        if (countOnly) return items;
        var list = kept.querySelector("ul");
        list.textContent = "";
        aside.forEach(function (it) {
          var li = document.createElement("li");
          li.textContent = t("offline.kept_item", [when(it.queuedAt), it.http, it.reason]);
          list.appendChild(li);
        });
        return items;
      });
    }
    button.addEventListener("click", function () {
      button.disabled = true;
      button.textContent = t("offline.syncing");
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

  // The exit page sends the PIN to the server, the only place it can be checked. Without a
  // connection the tablet stays locked: it says so and shows how many responses wait.
  function exitPage(form) {
    var error = document.getElementById("pin-error");
    var el = document.getElementById("queue-panel");
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      reachable().then(function (online) {
        if (online) { form.submit(); return; }
        form.elements.pin.value = "";
        error.hidden = true;
        el.querySelector(".js-locked").hidden = false;
        el.hidden = false;
        panel(el, true);
      });
    });
  }

  function reachable() {
    var abort = window.AbortController ? new AbortController() : null;
    var timeout = abort && setTimeout(function () { abort.abort(); }, 5000);
    return fetch("/healthz", { cache: "no-store", signal: abort ? abort.signal : undefined })
      .then(function (res) { return res.ok; }, function () { return false; })
      .then(function (ok) { clearTimeout(timeout); return ok; });
  }

  // Start ----------------------------------------------------------------------------------------

  window.ConsultaQueue = { put: put, all: all, sync: sync, newID: newID };

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
