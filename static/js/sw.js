// Consulta service worker: keeps what a kiosk session needs, so the survey works with no connection,
// also after the browser was closed. Kiosk pages and the survey JSON come from the network first and
// from the cache when the network fails or is slow; checksummed static files come from the cache first.
// POSTs are never touched: answers travel only through the page's queue (queue.js), never a cache.
"use strict";

var PREFIX = "consulta-kiosk-";
var NETWORK_WAIT = 3000; // ms before a slow network loses to the cached page
var SURVEY_JSON = /^\/api\/consultations\/[^/]+\/survey$/;

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (e) { e.waitUntil(self.clients.claim()); });

// The welcome page sends {type: "keep", session, urls}; the answer on the port says whether all was kept.
var keeping = Promise.resolve();
self.addEventListener("message", function (e) {
  var m = e.data || {};
  if (m.type !== "keep" || !/^[0-9A-Za-z-]{1,64}$/.test(m.session) || !Array.isArray(m.urls)) return;
  var port = e.ports && e.ports[0];
  keeping = keeping.then(function () { return keep(m.session, m.urls.filter(isPath)); })
    .catch(function () { return false; })
    .then(function (complete) { if (port) port.postMessage({ complete: complete }); });
  e.waitUntil(keeping);
});

function isPath(u) { return typeof u === "string" && u.charAt(0) === "/" && u.charAt(1) !== "/"; }

function cacheable(res) { return res && res.ok && res.type === "basic" && !res.redirected; }

// keep fills the session's cache: the pages again (a survey may have changed), and each static file
// they refer to once. Other sessions' caches go: a tablet is locked into one session at a time.
async function keep(session, urls) {
  var name = PREFIX + session;
  var names = await caches.keys();
  await Promise.all(names.filter(function (n) { return n.indexOf(PREFIX) === 0 && n !== name; })
    .map(function (n) { return caches.delete(n); }));
  var cache = await caches.open(name);
  var statics = new Set();
  var complete = true;
  for (var url of urls) {
    if (url.indexOf("/static/") === 0) { statics.add(url); continue; }
    try {
      var res = await fetch(url, { credentials: "same-origin", cache: "no-store" });
      if (!cacheable(res)) { complete = false; continue; }
      if ((res.headers.get("Content-Type") || "").indexOf("text/html") === 0) {
        references(await res.clone().text()).forEach(function (u) { statics.add(u); });
      }
      await cache.put(url, res);
    } catch (err) {
      complete = false;
    }
  }
  for (var s of statics) {
    if (await cache.match(s)) continue;
    try {
      var r = await fetch(s, { credentials: "same-origin" });
      if (cacheable(r)) await cache.put(s, r); else complete = false;
    } catch (err) {
      complete = false;
    }
  }
  return complete;
}

// references lists the static files a page needs: what it links, plus the choice icons that
// survey.js draws itself (rank questions), under the folder of an icon the page links.
function references(html) {
  var out = [];
  var m;
  var link = /(?:src|href)="(\/static\/[^"]+)"/g;
  while ((m = link.exec(html))) out.push(m[1].replace(/&amp;/g, "&"));
  var folder = /\/static\/[^"/]+\/icons\//.exec(html);
  var icon = /"icon":"([\w-]+)"/g;
  while (folder && (m = icon.exec(html))) out.push(folder[0] + m[1] + ".svg");
  return out;
}

self.addEventListener("fetch", function (e) {
  var req = e.request;
  if (req.method !== "GET") return;
  var url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.indexOf("/static/") === 0) {
    e.respondWith(cacheFirst(req, url));
  } else if ((req.mode === "navigate" && url.pathname.indexOf("/kiosk/") === 0) || SURVEY_JSON.test(url.pathname)) {
    e.respondWith(networkFirst(e, url));
  }
});

async function cacheFirst(req, url) {
  var hit = await caches.match(req, { ignoreVary: true });
  if (hit) return hit;
  try {
    return await fetch(req);
  } catch (err) {
    var copy = await anyCopy(url.pathname);
    if (copy) return copy;
    throw err;
  }
}

// anyCopy finds the file under another checksum: survey.js builds some icon URLs from another
// icon's folder, and the server answers any checksum with the current file.
async function anyCopy(path) {
  var file = path.replace(/^\/static\/[^/]+\//, "/");
  for (var name of await caches.keys()) {
    if (name.indexOf(PREFIX) !== 0) continue;
    var cache = await caches.open(name);
    for (var key of await cache.keys()) {
      var p = new URL(key.url).pathname;
      if (p.indexOf("/static/") === 0 && p.replace(/^\/static\/[^/]+\//, "/") === file) return cache.match(key);
    }
  }
  return undefined;
}

// networkFirst answers from the network, or from the cache when the network fails or takes longer
// than NETWORK_WAIT. Pages are cached without their query: ?lang= only chose the language.
function networkFirst(e, url) {
  var key = url.origin + url.pathname;
  var network = fetch(e.request);
  e.waitUntil(network.then(function (res) {
    if (cacheable(res)) return refresh(key, res.clone());
  }).catch(function () {}));
  var cached = caches.match(key, { ignoreVary: true });
  return new Promise(function (resolve, reject) {
    var done = false;
    function use(res) {
      if (res && !done) { done = true; resolve(res); }
    }
    network.then(use, function (err) {
      cached.then(function (hit) {
        if (hit) use(hit);
        else if (!done) { done = true; reject(err); }
      });
    });
    setTimeout(function () { cached.then(use); }, NETWORK_WAIT);
  });
}

// refresh replaces a cached page with the one the server just sent; pages nobody kept stay uncached.
async function refresh(key, res) {
  for (var name of await caches.keys()) {
    if (name.indexOf(PREFIX) !== 0) continue;
    var cache = await caches.open(name);
    if (await cache.match(key, { ignoreVary: true })) await cache.put(key, res.clone());
  }
}
