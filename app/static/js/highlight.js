// Marks the words the checks flag inside the composer's textareas and inputs, drawn on a
// backdrop behind the field (the field itself stays a plain textarea). The spans come
// from the findings panel: data-field, data-line, data-start, data-end on each finding.
// Progressive enhancement: without this file the flagged lines are listed under each field.
(function () {
  "use strict";

  var form = document.getElementById("vacancy-form");
  if (!form) { return; }
  var CUSTOM = { custom_duties: true, custom_skills: true, custom_requirements: true };
  var FIELDS = ["title", "custom_duties", "custom_skills", "custom_requirements",
                "intro_md", "conditions_md", "apply_md"];
  var COPIED = ["fontFamily", "fontSize", "fontWeight", "fontStyle", "lineHeight",
                "letterSpacing", "wordSpacing", "textIndent", "tabSize",
                "paddingTop", "paddingRight", "paddingBottom", "paddingLeft",
                "borderTopWidth", "borderRightWidth", "borderBottomWidth", "borderLeftWidth",
                "boxSizing"];

  // [start, end) of each line as the server numbers it: custom lists count non-blank
  // lines (stripped), free-text fields count every line of the trimmed text.
  function lineSpans(name, value) {
    var spans = [];
    var lead = CUSTOM[name] ? 0 : value.length - value.replace(/^\s+/, "").length;
    var re = /[^\r\n]*(\r\n|\r|\n|$)/g;
    var pos = lead;
    var body = value.slice(lead);
    var match;
    while ((match = re.exec(body)) !== null) {
      var raw = match[0].replace(/(\r\n|\r|\n)$/, "");
      var start = pos + match.index;
      if (CUSTOM[name]) {
        var inner = raw.replace(/^\s+/, "");
        var trimmed = raw.replace(/\s+$/, "");
        if (inner.trim()) { spans.push([start + raw.length - inner.length, start + trimmed.length]); }
      } else {
        spans.push([start, start + raw.length]);
      }
      if (match[0] === "" || match.index + match[0].length >= body.length) { break; }
    }
    return spans;
  }

  function findings() {
    var byField = {};
    document.querySelectorAll("#findings [data-field]").forEach(function (li) {
      var name = li.dataset.field;
      var line = li.dataset.line;
      // A finding about a custom line without a line number names it in its item.
      var item = /^(custom_\w+):(\d+)$/.exec(li.dataset.item || "");
      if (line === undefined && item) { name = item[1]; line = item[2]; }
      if (line === undefined) { return; }
      var message = li.querySelector(".finding-message");
      (byField[name] = byField[name] || []).push({
        line: parseInt(line, 10),
        start: li.dataset.start === undefined ? null : parseInt(li.dataset.start, 10),
        end: li.dataset.end === undefined ? null : parseInt(li.dataset.end, 10),
        severity: li.classList.contains("finding-error") ? "error" : "warning",
        message: message ? message.textContent : ""
      });
    });
    return byField;
  }

  function ranges(name, value, items) {
    var lines = lineSpans(name, value);
    var out = [];
    items.forEach(function (f) {
      var span = lines[f.line];
      if (!span) { return; }
      var from = span[0], to = span[1];
      if (f.start !== null && f.end !== null && f.end > f.start && span[0] + f.end <= span[1]) {
        from = span[0] + f.start; to = span[0] + f.end;
      }
      out.push({ from: from, to: to, severity: f.severity, message: f.message });
    });
    out.sort(function (a, b) { return a.from - b.from; });
    return out;
  }

  function setup(field) {
    if (field.dataset.highlight) { return field._backdrop; }
    field.dataset.highlight = "on";
    var wrap = document.createElement("div");
    wrap.className = "hl-wrap";
    var backdrop = document.createElement("div");
    backdrop.className = "hl-backdrop";
    backdrop.setAttribute("aria-hidden", "true");
    field.parentNode.insertBefore(wrap, field);
    wrap.appendChild(backdrop);
    wrap.appendChild(field);
    field.classList.add("hl-field");
    var style = window.getComputedStyle(field);
    COPIED.forEach(function (prop) { backdrop.style[prop] = style[prop]; });
    if (field.tagName === "INPUT") { backdrop.style.whiteSpace = "pre"; }
    field.addEventListener("scroll", function () {
      backdrop.scrollTop = field.scrollTop;
      backdrop.scrollLeft = field.scrollLeft;
    });
    field._backdrop = backdrop;
    return backdrop;
  }

  function draw(field, marks) {
    var backdrop = setup(field);
    var value = field.value;
    while (backdrop.firstChild) { backdrop.removeChild(backdrop.firstChild); }
    var at = 0;
    marks.forEach(function (m) {
      if (m.from < at) { return; }
      backdrop.appendChild(document.createTextNode(value.slice(at, m.from)));
      var mark = document.createElement("mark");
      mark.className = "mark-" + m.severity;
      mark.textContent = value.slice(m.from, m.to);
      backdrop.appendChild(mark);
      at = m.to;
    });
    // A trailing line break needs a character after it to take up its line.
    backdrop.appendChild(document.createTextNode(value.slice(at) + "\n"));
    backdrop.style.height = field.offsetHeight + "px";
    backdrop.scrollTop = field.scrollTop;
    field.title = marks.map(function (m) { return m.message; }).join("\n");
  }

  function refresh() {
    var byField = findings();
    FIELDS.forEach(function (name) {
      var field = form.elements.namedItem(name);
      if (!field || !field.tagName || (field.tagName !== "TEXTAREA" && field.tagName !== "INPUT")) { return; }
      var marks = ranges(name, field.value, byField[name] || []);
      if (marks.length || field.dataset.highlight) { draw(field, marks); }
    });
  }

  refresh();
  // The live check swaps the findings panel in; redraw when it does, and while typing
  // keep the marks under the text they were found on until the new panel arrives.
  var side = document.querySelector(".composer-side");
  if (side && window.MutationObserver) {
    new MutationObserver(refresh).observe(side, { childList: true, subtree: true });
  }
  form.addEventListener("input", function (event) {
    if (event.target && event.target.dataset && event.target.dataset.highlight) { refresh(); }
  });
})();
