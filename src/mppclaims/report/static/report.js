/* mppclaims report: tooltips on highlights (hover and keyboard focus), links that open the
   article they point into, expand/collapse, highlight toggles, everything open for print.
   No data and no requests: it only reads the page. */
(function () {
  "use strict";
  var tip = document.getElementById("tip");
  var lit = [];

  function headOf(node) {
    var mark = node && node.closest ? node.closest("mark.hl") : null;
    if (!mark) return null;
    return mark.id ? mark : document.getElementById(mark.getAttribute("data-of"));
  }

  function fragmentsOf(head) {
    var parts = [head];
    var rest = document.querySelectorAll('mark[data-of="' + head.id + '"]');
    for (var i = 0; i < rest.length; i++) parts.push(rest[i]);
    return parts;
  }

  function place(near) {
    var box = near.getBoundingClientRect();
    var width = tip.offsetWidth;
    var height = tip.offsetHeight;
    var left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
    var top = box.bottom + 6;
    if (top + height > window.innerHeight && box.top - height - 6 > 0) top = box.top - height - 6;
    tip.style.left = left + window.scrollX + "px";
    tip.style.top = top + window.scrollY + "px";
  }

  function hide() {
    tip.hidden = true;
    tip.replaceChildren();
    lit.forEach(function (part) { part.classList.remove("on"); });
    lit = [];
  }

  var details = {};
  function detailsOf(head) {
    var box = head.closest("[data-article]");
    if (!box) return null;
    var key = box.getAttribute("data-article");
    if (!(key in details)) {
      var block = document.querySelector('script.tip-data[data-article="' + key + '"]');
      details[key] = block ? JSON.parse(block.textContent) : {};
    }
    return details[key][head.id] || null;
  }

  function element(tag, text, cls) {
    var node = document.createElement(tag);
    node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }

  function show(head, near) {
    var info = detailsOf(head);
    if (!info) return;
    hide();
    var list = document.createElement("dl");
    info.rows.forEach(function (row) {
      list.appendChild(element("dt", row[0]));
      list.appendChild(element("dd", row[1], row[2] === "plain" ? "" : row[2]));
    });
    tip.replaceChildren(element("p", info.head, "tip-head"), list, element("p", info.where, "tip-where"));
    tip.hidden = false;
    lit = fragmentsOf(head);
    lit.forEach(function (part) { part.classList.add("on"); });
    place(near);
  }

  document.addEventListener("mouseover", function (event) {
    var head = headOf(event.target);
    if (head) show(head, event.target.closest("mark.hl"));
  });
  document.addEventListener("mouseout", function (event) {
    var head = headOf(event.target);
    if (head && headOf(event.relatedTarget) !== head) hide();
  });
  document.addEventListener("focusin", function (event) {
    var head = headOf(event.target);
    if (head && event.target === head) show(head, head);
  });
  document.addEventListener("focusout", function (event) {
    if (headOf(event.target)) hide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hide();
  });
  window.addEventListener("scroll", function () { if (!tip.hidden) hide(); }, { passive: true });

  function openTo(id) {
    var target = id ? document.getElementById(id) : null;
    if (!target) return null;
    for (var box = target.closest("details"); box; box = box.parentElement.closest("details")) {
      box.open = true;
    }
    return target;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest('a[href^="#"]') : null;
    if (!link) return;
    var target = openTo(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (target && target.matches("mark.hl")) {
      event.preventDefault();
      history.replaceState(null, "", link.getAttribute("href"));
      target.scrollIntoView({ block: "center" });
      target.focus({ preventScroll: true });
    }
  });
  function followHash() {
    var target = openTo(decodeURIComponent(location.hash.slice(1)));
    if (target) target.scrollIntoView({ block: "start" });
  }
  window.addEventListener("hashchange", followHash);
  if (location.hash) followHash();

  var toolbar = document.getElementById("toolbar");
  if (toolbar) {
    toolbar.hidden = false;
    toolbar.addEventListener("click", function (event) {
      var action = event.target.getAttribute && event.target.getAttribute("data-action");
      if (!action) return;
      var boxes = document.querySelectorAll("details.article");
      for (var i = 0; i < boxes.length; i++) boxes[i].open = action === "expand";
    });
    toolbar.addEventListener("change", function (event) {
      var kind = event.target.getAttribute("data-show");
      if (!kind) return;
      var cls = kind === "entity" ? "show-entity" : "hide-" + kind;
      var on = kind === "entity" ? event.target.checked : !event.target.checked;
      document.body.classList.toggle(cls, on);
    });
  }

  var closedForPrint = [];
  window.addEventListener("beforeprint", function () {
    var boxes = document.querySelectorAll("details:not([open])");
    closedForPrint = [];
    for (var i = 0; i < boxes.length; i++) {
      closedForPrint.push(boxes[i]);
      boxes[i].open = true;
    }
  });
  window.addEventListener("afterprint", function () {
    closedForPrint.forEach(function (box) { box.open = false; });
    closedForPrint = [];
  });
})();
