/* Casebook: Indonesian for Material for MkDocs' search (lunr 2), in the search worker.
 *
 * Served as assets/javascripts/lunr/min/lunr.id.min.js, the path where Material's worker looks for
 * the file of the search language "id" (a file in docs_dir replaces the theme's file). It gives
 * lunr what lunr-languages has not: an Indonesian stemmer, the Snowball Indonesian algorithm
 * (https://snowballstem.org/algorithms/indonesian/stemmer.html, written out here and checked word
 * for word against Python's snowballstemmer by the tests), and Casebook's synonym list.
 *
 * The same two steps run when the index is built and when a query is read:
 *   word -> its synonym expansion (data: generator/site/search/synonyms.yaml) -> each word stemmed.
 * The index also keeps each word as written, so a stem typed as a query ("rujuk" from "dirujuk")
 * still finds a word whose stem came out shorter ("rujukan" -> "ruju").
 * Queries: every word is required (a "-word" excludes), and each word matches as a prefix, as
 * Material does while one types; a case id such as K-YYYY-NNNN stays one word (the separator
 * splits at a hyphen only before a letter), indexed whole and by its parts. */
(function () {
  "use strict";
  var lunr = self.lunr;
  var SYNONYMS = /*SYNONYMS*/{};

  /* ---------------------------------------------------------------- Snowball Indonesian */

  var VOWELS = "aeiou";
  function isVowel(ch) { return ch !== undefined && VOWELS.indexOf(ch) !== -1; }

  function countVowels(word) {
    var n = 0;
    for (var i = 0; i < word.length; i++) if (isVowel(word[i])) n++;
    return n;
  }

  function endsWithAny(word, endings) {
    for (var i = 0; i < endings.length; i++) {
      if (word.length >= endings[i].length && word.slice(-endings[i].length) === endings[i]) {
        return endings[i];
      }
    }
    return null;
  }

  function startsWithLongest(word, prefixes) {
    var best = null;
    for (var i = 0; i < prefixes.length; i++) {
      if (word.indexOf(prefixes[i]) === 0 && (!best || prefixes[i].length > best.length)) {
        best = prefixes[i];
      }
    }
    return best;
  }

  /* Each step takes and returns {word, measure, prefix}, or null when it does not apply. */
  function removeParticle(s) {
    var end = endsWithAny(s.word, ["kah", "lah", "pun"]);
    return end ? { word: s.word.slice(0, -3), measure: s.measure - 1, prefix: s.prefix } : null;
  }

  function removePossessive(s) {
    var end = endsWithAny(s.word, ["nya", "ku", "mu"]);
    if (!end) return null;
    return { word: s.word.slice(0, -end.length), measure: s.measure - 1, prefix: s.prefix };
  }

  function removeSuffix(s) {
    var word = s.word, cut;
    if (endsWithAny(word, ["an"])) {
      if (s.prefix !== 3 && s.prefix !== 2 && word.length >= 3 && word[word.length - 3] === "k") {
        cut = 3;
      } else if (s.prefix === 1) {
        return null;
      } else {
        cut = 2;
      }
    } else if (endsWithAny(word, ["i"])) {
      if (s.prefix > 2 || word[word.length - 2] === "s") return null;
      cut = 1;
    } else {
      return null;
    }
    return { word: word.slice(0, -cut), measure: s.measure - 1, prefix: s.prefix };
  }

  var FIRST_ORDER = ["di", "ke", "me", "mem", "men", "meng", "pem", "pen", "peng", "ter"];

  function removeFirstOrderPrefix(s) {
    var word = s.word, found = startsWithLongest(word, FIRST_ORDER), rest, prefix, start = 0;
    if (!found) return null;
    rest = word.slice(found.length);
    prefix = (found === "ke" || found === "peng" || found[0] === "p") ? 3 : 1;
    if ((found === "men" || found === "pen") && rest[0] === "y" && isVowel(rest[1])) {
      rest = "s" + rest.slice(1);
      start = 1;
    } else if ((found === "mem" || found === "pem") && isVowel(rest[0])) {
      rest = "p" + rest;
      start = 1;
    }
    // After "meny-"/"mem-" become "s"/"p", Snowball reads on after that letter: no second prefix.
    return { word: rest, measure: s.measure - 1, prefix: prefix, start: start };
  }

  function removeSecondOrderPrefix(s) {
    var word = s.word, head = word.slice(0, 2), prefix = s.prefix, cut;
    if (head !== "pe" && head !== "be") return null;
    if (word[2] === "r") {
      cut = 3;
      prefix = head === "pe" ? 2 : 4;
    } else if (word[2] === "l" && word.slice(3, 7) === "ajar") {
      cut = 3;
      if (head === "be") prefix = 4;
    } else if (head === "pe") {
      cut = 2;
      prefix = 2;
    } else if (word[2] !== undefined && !isVowel(word[2]) && word.slice(3, 5) === "er") {
      cut = 2;
      prefix = 4;
    } else {
      return null;
    }
    return { word: word.slice(cut), measure: s.measure - 1, prefix: prefix };
  }

  function stem(word) {
    var s = { word: word, measure: countVowels(word), prefix: 0 }, next, first;
    if (s.measure <= 2) return word;
    s = removeParticle(s) || s;
    if (s.measure <= 2) return s.word;
    s = removePossessive(s) || s;
    if (s.measure <= 2) return s.word;
    first = removeFirstOrderPrefix(s);
    if (first) {
      s = first;
      if (s.measure > 2 && (next = removeSuffix(s))) {
        s = next;
        if (s.measure > 2 && !first.start) s = removeSecondOrderPrefix(s) || s;
      }
    } else {
      s = removeSecondOrderPrefix(s) || s;
      if (s.measure > 2) s = removeSuffix(s) || s;
    }
    return s.word;
  }

  /* ---------------------------------------------------------------- words, index, query */

  function expand(word) {
    return Object.prototype.hasOwnProperty.call(SYNONYMS, word) ? SYNONYMS[word] : [word];
  }

  /* What a word is indexed under: each word of its expansion, stemmed and as written; a word
     with hyphens (a case id) also under each part, so "NNNN" finds K-YYYY-NNNN too. */
  function indexForms(word) {
    var forms = [], parts = word.indexOf("-") > 0 ? [word].concat(word.split("-")) : [word];
    [].concat.apply([], parts.map(expand)).forEach(function (part) {
      [stem(part), part].forEach(function (form) {
        if (form && forms.indexOf(form) === -1) forms.push(form);
      });
    });
    return forms;
  }

  /* What a query word asks for: each word of its expansion, stemmed (all required). */
  function queryForms(word) {
    return expand(word).map(stem).filter(Boolean);
  }

  function indonesian(token) {
    return indexForms(token.toString().toLowerCase()).map(function (form) {
      return token.clone(function () { return form; });
    });
  }

  function trimmer(token) {
    return token.update(function (s) {
      return s.replace(/^[^\p{L}\p{N}]+/u, "").replace(/[^\p{L}\p{N}]+$/u, "");
    });
  }

  lunr.Pipeline.registerFunction(indonesian, "stemmer-id");
  lunr.Pipeline.registerFunction(trimmer, "trimmer-id");

  lunr.id = function () {
    this.pipeline.reset();
    this.pipeline.add(lunr.id.trimmer, lunr.id.stemmer);
    this.searchPipeline.reset();
    this.searchPipeline.add(lunr.id.stemmer);
  };
  lunr.id.stemmer = indonesian;
  lunr.id.trimmer = trimmer;
  lunr.id.stem = stem;
  lunr.id.queryForms = queryForms;
  lunr.id.indexForms = indexForms;

  /* Material hands lunr a query where each word ends in "*" (a prefix, while typing) and only
     quoted words are required. Read it again: every word required unless written "-word". */
  function words(queryString) {
    var separator = new RegExp(lunr.tokenizer.separator.source, "u");
    var found = [];
    queryString.split(/\s+/).forEach(function (raw) {
      var presence = lunr.Query.presence.REQUIRED, word = raw;
      if (word[0] === "+") word = word.slice(1);
      else if (word[0] === "-" && word.length > 1) {
        presence = lunr.Query.presence.PROHIBITED;
        word = word.slice(1);
      }
      var field = /^(title|text|tags):/.exec(word);
      if (field) word = word.slice(field[0].length);
      word = word.replace(/[~^]\d*$/, "").replace(/\*+$/, "").toLowerCase();
      word.split(separator).forEach(function (part) {
        part = part.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
        if (!part) return;
        var key = presence + ":" + (field ? field[1] : "") + ":" + part;
        if (found.some(function (w) { return w.key === key; })) return;
        found.push({ key: key, word: part, presence: presence, fields: field ? [field[1]] : undefined });
      });
    });
    return found;
  }

  lunr.Index.prototype.search = function (queryString) {
    var asked = words(queryString);
    return this.query(function (query) {
      asked.forEach(function (w) {
        queryForms(w.word).forEach(function (form) {
          var options = {
            presence: w.presence,
            wildcard: lunr.Query.wildcard.TRAILING,
            usePipeline: false,
          };
          if (w.fields) options.fields = w.fields;  // lunr reads a present key, even undefined
          query.term(form, options);
        });
      });
    });
  };
})();
