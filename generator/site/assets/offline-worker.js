/* Casebook: Material's search from file:// without a server or any outside request.
 *
 * A page opened from file:// cannot start a Web Worker, so Material's search never starts.
 * This stands in for Worker when the page is a file: it runs the worker script in a hidden
 * same-origin iframe and passes messages both ways. Material's worker looks for
 * ``parent.IFrameWorker`` to find its lunr files, and awaits importScripts, which here loads
 * the scripts one by one and resolves when they have run.
 */
(function () {
  "use strict";
  if (location.protocol !== "file:") return;

  function loadScripts(frame, urls) {
    return urls.reduce(function (done, url) {
      return done.then(function () {
        return new Promise(function (resolve, reject) {
          var script = frame.document.createElement("script");
          script.src = new URL(url, frame.casebookBase).href;
          script.onload = resolve;
          script.onerror = function () { reject(new Error("cannot load " + url)); };
          frame.document.head.appendChild(script);
        });
      });
    }, Promise.resolve());
  }

  function IFrameWorker(url) {
    var outer = this;
    var queue = [];
    var ready = false;
    this.onmessage = null;
    this.onerror = null;
    this._listeners = [];
    var iframe = document.createElement("iframe");
    iframe.hidden = true;
    iframe.setAttribute("aria-hidden", "true");
    iframe.tabIndex = -1;
    (document.body || document.documentElement).appendChild(iframe);
    var frame = iframe.contentWindow;
    var source = new URL(String(url), location.href).href;
    frame.casebookBase = source;
    frame.importScripts = function () {
      return loadScripts(frame, Array.prototype.slice.call(arguments));
    };
    frame.postMessage = function (data) {
      setTimeout(function () { outer._emit("message", { data: data }); }, 0);
    };
    this._deliver = function (data) {
      frame.dispatchEvent(new frame.MessageEvent("message", { data: data }));
    };
    loadScripts(frame, [source]).then(function () {
      ready = true;
      queue.splice(0).forEach(outer._deliver);
    }, function (error) {
      outer._emit("error", { message: String(error) });
    });
    var send = function (data) {
      if (ready) setTimeout(function () { outer._deliver(data); }, 0);
      else queue.push(data);
    };
    this.postMessage = function (data) {
      /* A locked bundle (generator/bundle/assets/unlock.js) decrypts its index only now. */
      if (data && data.type === 0 && !data.data.docs && window.__casebookIndex) {
        window.__casebookIndex().then(function (index) {
          send({ type: 0, data: { config: index.config, docs: index.docs, options: data.data.options } });
        });
        return;
      }
      send(data);
    };
  }
  IFrameWorker.prototype.addEventListener = function (type, listener) {
    this._listeners.push([type, listener]);
  };
  IFrameWorker.prototype.removeEventListener = function (type, listener) {
    this._listeners = this._listeners.filter(function (entry) {
      return entry[0] !== type || entry[1] !== listener;
    });
  };
  IFrameWorker.prototype.terminate = function () {};
  IFrameWorker.prototype._emit = function (type, event) {
    var handler = this["on" + type];
    if (handler) handler.call(this, event);
    this._listeners.forEach(function (entry) {
      if (entry[0] === type) entry[1].call(this, event);
    }, this);
  };
  window.IFrameWorker = IFrameWorker;
  window.Worker = IFrameWorker;
})();
