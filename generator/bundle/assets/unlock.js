/* Casebook: open a locked page of a lecturer's bundle (see generator/bundle/lock.py).
 *
 * The key is derived once per browser session (PBKDF2-SHA256, AES-256-GCM) and kept in
 * sessionStorage, so following a link opens the next page without asking again. Firefox keeps a
 * file:// page's sessionStorage per folder, so there the key also rides in window.name, which
 * stays with the tab from page to page (and is reset when the tab goes to another site). The
 * search index is decrypted when the reader first searches (see indexOpener).
 */
(function () {
  "use strict";
  var box = JSON.parse(document.getElementById("casebook-locked").textContent);
  var main = document.querySelector(".casebook-lock");
  var form = document.getElementById("casebook-unlock");
  var message = document.getElementById("casebook-unlock-message");
  var root = document.currentScript.src.replace(/assets\/casebook\/unlock\.js.*$/, "");
  var storeName = "casebook-key:" + box.salt;

  function bytes(b64) {
    var text = atob(b64), out = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
    return out;
  }
  function b64(buffer) {
    var view = new Uint8Array(buffer), text = "";
    for (var i = 0; i < view.length; i++) text += String.fromCharCode(view[i]);
    return btoa(text);
  }
  function decrypt(key, sealed) {
    return crypto.subtle.decrypt(
      { name: "AES-GCM", iv: bytes(sealed.iv), additionalData: new TextEncoder().encode(sealed.path) },
      key, bytes(sealed.data)
    ).then(function (plain) { return new TextDecoder().decode(plain); });
  }
  function derive(passphrase) {
    var encoded = new TextEncoder().encode(passphrase.normalize("NFC"));
    return crypto.subtle.importKey("raw", encoded, "PBKDF2", false, ["deriveKey"]).then(function (material) {
      return crypto.subtle.deriveKey(
        { name: "PBKDF2", hash: "SHA-256", salt: bytes(box.salt), iterations: box.iterations },
        material, { name: "AES-GCM", length: 256 }, true, ["decrypt", "encrypt"]);
    });
  }
  var firefox = /Firefox\//.test(navigator.userAgent);
  function fromName() {
    var prefix = storeName + "=";
    return window.name.indexOf(prefix) === 0 ? window.name.slice(prefix.length) : null;
  }
  function stored() {
    var raw = null;
    try { raw = sessionStorage.getItem(storeName); } catch (e) { raw = null; }
    if (!raw && firefox) raw = fromName();
    if (!raw) return Promise.resolve(null);
    return crypto.subtle.importKey("raw", bytes(raw), { name: "AES-GCM" }, true, ["decrypt", "encrypt"]);
  }
  function remember(key) {
    return crypto.subtle.exportKey("raw", key).then(function (raw) {
      try { sessionStorage.setItem(storeName, b64(raw)); } catch (e) { /* private mode */ }
      if (firefox) window.name = storeName + "=" + b64(raw);
    });
  }
  function loadScript(src) {
    return new Promise(function (resolve) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = resolve; /* no search index: the page still opens */
      document.head.appendChild(script);
    });
  }
  /* The search index is opened only when the reader first searches on a page (at 1,000 cases
   * it is some 18 MB): Material reads a placeholder __index, and offline-worker.js asks
   * __casebookIndex() for the real one before it hands the index to the search worker. */
  function indexOpener(key) {
    var opened = null;
    return function () {
      opened = opened || loadScript(root + "search/search_index.js").then(function () {
        var sealed = window.__casebookLockedIndex;
        if (!sealed) return { config: {}, docs: [] };
        return decrypt(key, sealed).then(function (text) { return JSON.parse(text); });
      });
      return opened;
    };
  }
  function parsed() {  /* document.open() is ignored while the locked page is still parsing */
    if (document.readyState !== "loading") return Promise.resolve();
    return new Promise(function (resolve) {
      document.addEventListener("DOMContentLoaded", function () { setTimeout(resolve, 0); });
    });
  }
  function show(key, html) {
    return parsed().then(function () {
      window.__casebookKey = key;
      window.__casebookIndex = indexOpener(key);
      window.__index = { config: box.search };
      document.open();
      document.write(html);
      document.close();
    });
  }
  function tryKey(key) {
    return decrypt(key, box).then(function (html) { return show(key, html); });
  }
  function say(text) { message.textContent = text; }

  if (!window.crypto || !crypto.subtle) { say(main.dataset.unsupported); return; }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var field = document.getElementById("casebook-passphrase");
    say(main.dataset.busy);
    derive(field.value).then(function (key) {
      return decrypt(key, box).then(function (html) {
        return remember(key).then(function () { return show(key, html); });
      });
    }).catch(function () {
      say(main.dataset.wrong);
      field.select();
    });
  });
  stored().then(function (key) { return key && tryKey(key); }).catch(function () {
    try { sessionStorage.removeItem(storeName); } catch (e) { /* ignore */ }
  });
})();
