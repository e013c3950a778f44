/* Casebook: the lecturer answers in the bundle (see generator/bundle/targets.py).
 *
 * Comments on a heading (a case or one of its sections, a logbook week, a report chapter or
 * section) and rubric scores are written in the page, kept in this browser (localStorage), and
 * exported as one review file to send back; `casebook review import FILE` merges it into
 * interns/<id>/review.yaml.
 */
(function () {
  "use strict";
  var block = document.getElementById("casebook-review-targets");
  if (!block) return;
  var data = JSON.parse(block.textContent);
  var en = document.documentElement.lang === "en";
  var WORDS = data.words;  /* notes.* in generator/bundle/messages.yaml, in the bundle's language */
  var storeName = "casebook-review:" + data.bundle;

  /* In a locked bundle the notes are kept encrypted with the bundle's key (AES-GCM), like the
   * pages: what the lecturer writes about a case is no more readable on disk than the case. */
  var key = window.__casebookKey || null;
  var aad = new TextEncoder().encode("review-notes:" + data.bundle);
  var memory = { interns: {} };
  var writing = Promise.resolve();
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
  function read() {
    var stored = null;
    try { stored = JSON.parse(localStorage.getItem(storeName)); } catch (e) { stored = null; }
    if (!stored) return Promise.resolve({ interns: {} });
    if (!stored.sealed) return Promise.resolve(stored);
    if (!key) return Promise.resolve({ interns: {} });
    return crypto.subtle.decrypt({ name: "AES-GCM", iv: bytes(stored.iv), additionalData: aad },
      key, bytes(stored.sealed)).then(function (plain) {
      return JSON.parse(new TextDecoder().decode(plain));
    });
  }
  function write(state) {
    var text = JSON.stringify(state);
    if (!key) { localStorage.setItem(storeName, text); return Promise.resolve(); }
    var iv = crypto.getRandomValues(new Uint8Array(12));
    return crypto.subtle.encrypt({ name: "AES-GCM", iv: iv, additionalData: aad }, key,
      new TextEncoder().encode(text)).then(function (sealed) {
      localStorage.setItem(storeName, JSON.stringify({ iv: b64(iv), sealed: b64(sealed) }));
    });
  }
  function load() { return JSON.parse(JSON.stringify(memory)); }
  function save(state) {
    memory = state;
    writing = writing.then(function () { return write(state); });
  }
  function mine(state) {
    var entry = state.interns[data.intern] || (state.interns[data.intern] = { comments: [], scores: {} });
    entry.basis = data.basis;
    return entry;
  }
  function today() { return new Date().toISOString().slice(0, 10); }
  function sameTarget(a, b) { return JSON.stringify(a) === JSON.stringify(b); }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function renderNotes(anchor, list) {
    list.textContent = "";
    mine(load()).comments.forEach(function (comment, index) {
      if (comment.page !== data.page || !sameTarget(comment.target, anchor.target)) return;
      var note = el("div", { "class": "casebook-note", role: "note" });
      note.appendChild(el("strong", {}, WORDS.yours + " (" + comment.date + ")"));
      note.appendChild(el("p", {}, comment.text));
      var remove = el("button", { type: "button", "class": "casebook-note-remove" }, WORDS.remove);
      remove.addEventListener("click", function () {
        var state = load();
        mine(state).comments.splice(index, 1);
        save(state);
        renderNotes(anchor, list);
        renderBar();
      });
      note.appendChild(remove);
      list.appendChild(note);
    });
  }

  function openForm(anchor, heading, list, button) {
    if (heading.nextElementSibling && heading.nextElementSibling.classList.contains("casebook-note-form")) return;
    var form = el("form", { "class": "casebook-note-form" });
    var id = "casebook-note-" + anchor.id;
    form.appendChild(el("label", { "for": id }, WORDS.label + " " + anchor.label));
    var text = el("textarea", { id: id, rows: "4", required: "required" });
    form.appendChild(text);
    var actions = el("div", { "class": "casebook-note-actions" });
    actions.appendChild(el("button", { type: "submit", "class": "md-button md-button--primary" }, WORDS.save));
    var cancel = el("button", { type: "button", "class": "md-button" }, WORDS.cancel);
    actions.appendChild(cancel);
    form.appendChild(actions);
    heading.insertAdjacentElement("afterend", form);
    text.focus();
    cancel.addEventListener("click", function () { form.remove(); button.focus(); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!text.value.trim()) return;
      var state = load();
      mine(state).comments.push({ page: data.page, target: anchor.target, text: text.value.trim(), date: today() });
      save(state);
      form.remove();
      renderNotes(anchor, list);
      renderBar();
      button.focus();
    });
  }

  function attach(anchor) {
    var heading = document.getElementById(anchor.id);
    if (!heading) return;
    var button = el("button", { type: "button", "class": "casebook-note-add", "aria-label": WORDS.add + ": " + anchor.label }, WORDS.add);
    var list = el("div", { "class": "casebook-notes" });
    heading.appendChild(button);
    heading.insertAdjacentElement("afterend", list);
    button.addEventListener("click", function () { openForm(anchor, heading, list, button); });
    renderNotes(anchor, list);
  }

  function scoreForm(review) {
    var article = document.querySelector("article.md-content__inner") || document.querySelector("article");
    if (!article || !review.aspects.length) return;
    var section = el("section", { "class": "casebook-scores", "aria-labelledby": "casebook-scores-title" });
    section.appendChild(el("h2", { id: "casebook-scores-title" }, WORDS.scoresTitle));
    section.appendChild(el("p", {}, WORDS.kept));
    var stored = mine(load()).scores;
    var total = el("p", { "class": "casebook-score-total", "aria-live": "polite" });
    function showTotal() {
      var scores = mine(load()).scores, sum = 0, weights = 0;
      review.aspects.forEach(function (a) {
        var value = a.id in scores ? scores[a.id] : review.scores[a.id];
        if (typeof value === "number") { sum += value * a.weight; weights += a.weight; }
      });
      total.textContent = WORDS.total + ": " + (weights ? (sum / weights).toFixed(1) : "–");
    }
    review.aspects.forEach(function (aspect) {
      var row = el("div", { "class": "casebook-score" });
      var id = "casebook-score-" + aspect.id;
      row.appendChild(el("label", { "for": id }, (en ? aspect.label_en : aspect.label) + " (" + aspect.weight + ")"));
      var input = el("input", { id: id, type: "number", min: "0", max: "100", step: "1", inputmode: "numeric", "data-aspect": aspect.id });
      var value = aspect.id in stored ? stored[aspect.id] : review.scores[aspect.id];
      if (value !== undefined) input.value = value;
      input.addEventListener("change", function () {
        var number = Number(input.value);
        var state = load();
        if (input.value === "") delete mine(state).scores[aspect.id];
        else if (number >= 0 && number <= 100) mine(state).scores[aspect.id] = number;
        else { input.setCustomValidity(WORDS.invalid); input.reportValidity(); return; }
        input.setCustomValidity("");
        save(state);
        showTotal();
        renderBar();
      });
      row.appendChild(input);
      section.appendChild(row);
    });
    section.appendChild(total);
    showTotal();
    var title = article.querySelector("h1");
    (title || article.firstChild).insertAdjacentElement("afterend", section);
  }

  function exported() {
    var state = load(), interns = {};
    Object.keys(state.interns).sort().forEach(function (id) {
      var entry = state.interns[id];
      interns[id] = {
        basis: entry.basis,
        scores: entry.scores,
        comments: entry.comments.map(function (c) {
          var out = {};
          Object.keys(c.target).forEach(function (k) { out[k] = c.target[k]; });
          out.date = c.date;
          out.text = c.text;
          return out;
        })
      };
    });
    return { casebook_review: 1, reader: data.bundle, exported: today(), interns: interns };
  }

  var bar;
  function renderBar() {
    var state = load(), comments = 0, scores = 0;
    Object.keys(state.interns).forEach(function (id) {
      comments += state.interns[id].comments.length;
      scores += Object.keys(state.interns[id].scores).length;
    });
    if (!bar) {
      bar = el("aside", { "class": "casebook-review-bar", "aria-label": WORDS.bar });
      document.body.appendChild(bar);
    }
    bar.textContent = "";
    bar.appendChild(el("span", {}, WORDS.bar + ": " + comments + " " + WORDS.comments + ", " + scores + " " + WORDS.scores));
    var button = el("button", { type: "button", "class": "md-button md-button--primary casebook-review-export" }, WORDS.exportIt);
    button.addEventListener("click", function () {
      var blob = new Blob([JSON.stringify(exported(), null, 2) + "\n"], { type: "application/json" });
      var link = el("a", { href: URL.createObjectURL(blob), download: WORDS.file + "-" + data.bundle + "-" + today() + ".json" });
      document.body.appendChild(link);
      link.click();
      link.remove();
    });
    bar.appendChild(button);
  }

  read().catch(function () { return { interns: {} }; }).then(function (stored) {
    memory = stored;
    var state = load();
    mine(state);
    save(state);
    data.anchors.forEach(attach);
    if (data.review) scoreForm(data.review);
    renderBar();
  });
})();
