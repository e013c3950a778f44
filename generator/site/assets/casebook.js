/* Casebook: accessibility repairs to the theme's own markup, on every page of both sites.
   No data, no network, nothing stored. Runs after the theme's script has built the page:
   - the search dialog gets a name;
   - navigation landmarks whose label is empty (section index pages) get their section's name,
     and landmarks that share a name are told apart;
   - every table's scrolling wrapper can be reached and scrolled from the keyboard. */
(function () {
  "use strict";

  var english = (document.documentElement.lang || "").slice(0, 2) === "en";
  var WORDS = english
    ? { search: "Search", table: "Table", scroll: "scrollable", part: "part" }
    : { search: "Pencarian", table: "Tabel", scroll: "dapat digulir", part: "bagian" };

  function text(node) {
    return node ? (node.textContent || "").replace(/[\s\u00b6]+/g, " ").trim() : "";
  }

  function nameSearch() {
    document.querySelectorAll('[role="dialog"]:not([aria-label]):not([aria-labelledby])')
      .forEach(function (dialog) { dialog.setAttribute("aria-label", WORDS.search); });
  }

  function accessibleName(nav) {
    var label = nav.getAttribute("aria-label");
    if (label) return label.trim();
    var ids = (nav.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean);
    return ids.map(function (id) { return text(document.getElementById(id)); }).join(" ").trim();
  }

  function sectionName(nav) {
    var item = nav.parentElement;
    var link = item && item.querySelector(":scope > .md-nav__container > a, :scope > a");
    return text(link) || text(item && item.querySelector(":scope > label"));
  }

  function nameNavigation() {
    document.querySelectorAll("nav").forEach(function (nav) {
      var name = sectionName(nav);
      if (!accessibleName(nav) && name) {
        nav.removeAttribute("aria-labelledby");
        nav.setAttribute("aria-label", name);
      }
    });
  }

  /* Landmarks of one kind that share a name get a number: "Daftar isi (bagian 2)". */
  function tellApart(selector) {
    var seen = {};
    document.querySelectorAll(selector).forEach(function (landmark) {
      var name = accessibleName(landmark);
      if (!name) return;
      seen[name] = (seen[name] || 0) + 1;
      if (seen[name] > 1) {
        landmark.removeAttribute("aria-labelledby");
        landmark.setAttribute("aria-label", name + " (" + WORDS.part + " " + seen[name] + ")");
      }
    });
  }

  function tableName(wrapper) {
    var table = wrapper.querySelector("table");
    var caption = table && table.querySelector("caption");
    if (caption) return text(caption);
    for (var node = wrapper.closest(".md-typeset__scrollwrap, .cb-scroll") || wrapper;
         node; node = node.previousElementSibling || node.parentElement) {
      if (/^H[1-6]$/.test(node.tagName)) return text(node);
      if (node.classList && node.classList.contains("md-content")) break;
    }
    return "";
  }

  function focusableScrollers() {
    var number = 0;
    document.querySelectorAll(".md-typeset__scrollwrap, .cb-scroll").forEach(function (wrapper) {
      number += 1;
      if (!wrapper.hasAttribute("tabindex")) wrapper.setAttribute("tabindex", "0");
      if (!wrapper.hasAttribute("role")) wrapper.setAttribute("role", "region");
      if (!wrapper.hasAttribute("aria-label") && !wrapper.hasAttribute("aria-labelledby")) {
        var name = tableName(wrapper) || WORDS.table + " " + number;
        wrapper.setAttribute("aria-label", name + " (" + WORDS.scroll + ")");
      }
    });
  }

  function repair() {
    nameSearch();
    nameNavigation();
    tellApart("nav");
    focusableScrollers();
    tellApart('[role="region"]');
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { setTimeout(repair, 0); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", repair);
  } else {
    repair();
  }
})();
