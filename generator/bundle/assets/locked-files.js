/* Casebook: downloads of a locked bundle. A link with data-casebook-file loads the sealed
 * file as a script (file:// allows no fetch), decrypts it with the session's key and saves it. */
(function () {
  "use strict";
  var waiting = {};
  window.__casebookLockedFile = function (sealed) {
    var done = waiting[sealed.path];
    if (done) done(sealed);
  };
  function bytes(b64) {
    var text = atob(b64), out = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
    return out;
  }
  function sealedFile(link) {
    var url = new URL(link.getAttribute("data-casebook-file"), location.href);
    var root = document.querySelector("script[src$='assets/casebook/locked-files.js']").src
      .replace(/assets\/casebook\/locked-files\.js.*$/, "");
    var path = decodeURIComponent(url.href.slice(root.length)).replace(/\.js$/, "");
    return new Promise(function (resolve, reject) {
      waiting[path] = resolve;
      var script = document.createElement("script");
      script.src = url.href;
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }
  function key() {
    if (window.__casebookKey) return Promise.resolve(window.__casebookKey);
    var stored = Object.keys(sessionStorage).filter(function (k) { return k.indexOf("casebook-key:") === 0; });
    var raw = stored.length ? sessionStorage.getItem(stored[0]) : (window.name.split("=")[1] || "");
    if (!raw) return Promise.reject(new Error("locked"));
    return crypto.subtle.importKey("raw", bytes(raw), { name: "AES-GCM" }, false, ["decrypt"]);
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-casebook-file]");
    if (!link) return;
    event.preventDefault();
    Promise.all([key(), sealedFile(link)]).then(function (both) {
      var sealed = both[1];
      return crypto.subtle.decrypt(
        { name: "AES-GCM", iv: bytes(sealed.iv), additionalData: new TextEncoder().encode(sealed.path) },
        both[0], bytes(sealed.data)
      ).then(function (plain) {
        var anchor = document.createElement("a");
        anchor.href = URL.createObjectURL(new Blob([plain]));
        anchor.download = sealed.path.split("/").pop();
        document.body.appendChild(anchor);
        anchor.click();
        anchor.remove();
      });
    }).catch(function (error) { console.error("casebook: cannot open", error); });
  }, true);
})();
