/* What every page needs, and nothing a page without a control needs more of: the menu button, tables that scroll
   sideways, QR codes drawn on large sites, controls that need a script. On the pages a parent reaches first (home,
   the institution lookup, record pages: site_overrides/light.html) the theme's script bundle is not loaded, and this
   file moves their header on scroll as the bundle does. site.js holds the lookup, the year filter and site search. */
(function () {
  "use strict";
  // Read before any script of ours runs: the theme's bundle, when the page loads it, has already removed the class.
  var bundled = !document.documentElement.classList.contains("no-js");

  // A table wider than a phone scrolls inside its box: keyboard users must be able to scroll it too.
  function setupScrollBoxes() {
    Array.prototype.forEach.call(document.querySelectorAll(".tp-scroll"), function (box) {
      if (box.scrollWidth <= box.clientWidth || box.hasAttribute("tabindex")) return;
      var caption = box.querySelector("caption"), heading = box.previousElementSibling;
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", caption ? caption.textContent
        : (heading && /^H[2-4]$/.test(heading.tagName) ? heading.textContent : "表格") + "（可左右滑动）");
    });
    // So does a block of code (a plan's seed and digests): the theme's bundle makes it focusable where it loads.
    if (bundled) return;
    Array.prototype.forEach.call(document.querySelectorAll("pre > code"), function (code) {
      if (code.scrollWidth > code.clientWidth && !code.hasAttribute("tabindex")) code.setAttribute("tabindex", "0");
    });
  }

  // Large sites: an institution page names its address and the code is drawn here (generator/render/posters.py,
  // QR_INLINE_LIMIT); the generator script is loaded only on such a page.
  function setupQrCodes() {
    var spots = document.querySelectorAll("[data-qr]");
    if (!spots.length) return;
    var script = document.createElement("script");
    script.src = spots[0].getAttribute("data-qr-script");
    script.onload = function () {
      window.qrcode.stringToBytes = window.qrcode.stringToBytesFuncs["UTF-8"];
      Array.prototype.forEach.call(spots, function (spot) {
        var qr = window.qrcode(0, "M");
        qr.addData(spot.getAttribute("data-qr"), "Byte");
        qr.make();
        spot.innerHTML = qr.createSvgTag(4, 16);  // the library's own markup: our address, nothing else
        var svg = spot.querySelector("svg");
        if (svg) { svg.setAttribute("role", "img"); svg.setAttribute("aria-label", spot.getAttribute("aria-label")); }
        spot.removeAttribute("role");
        spot.removeAttribute("aria-label");
      });
    };
    document.head.appendChild(script);
  }

  // Controls that need a script (a query box that would otherwise lead nowhere) are shown only by one.
  function revealControls() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-js-only]"), function (el) { el.hidden = false; });
  }

  /* The theme's ☰ menu (a <label for="__drawer">, shown below 76.25em: phones, and desktops zoomed to 200 %) becomes a
     real button: reached with Tab, named 「菜单」, opened with Enter or Space (focus moves to the menu's first link),
     closed with Escape (focus back on the button). The drawer itself opens with the theme's CSS, with or without
     its bundle. Without JavaScript the theme's label stays (it opens the menu by touch or mouse). */
  function setupMenuButton() {
    var toggle = document.getElementById("__drawer");
    var label = document.querySelector('.md-header label[for="__drawer"]');
    var drawer = document.querySelector(".md-sidebar--primary");
    if (!toggle || !label || !drawer) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = label.className + " tp-menu";
    button.setAttribute("aria-label", "菜单");
    if (!drawer.id) drawer.id = "tp-menu";
    button.setAttribute("aria-controls", drawer.id);
    while (label.firstChild) button.appendChild(label.firstChild);
    label.parentNode.replaceChild(button, label);
    function said() { button.setAttribute("aria-expanded", toggle.checked ? "true" : "false"); }
    function flip(open) {
      if (toggle.checked !== open) toggle.click();  // the theme's CSS follows the checkbox
      said();
      if (!open) { button.focus(); return; }
      var first = drawer.querySelector(".md-nav__list a[href]");
      if (first) window.setTimeout(function () { first.focus(); }, 0);
    }
    said();
    toggle.addEventListener("change", said);
    button.addEventListener("click", function () { flip(!toggle.checked); });  // Enter and Space click a button
    document.addEventListener("keydown", function (event) {
      if ((event.key === "Escape" || event.key === "Esc") && toggle.checked) flip(false);
    });
  }

  /* Without the bundle, its header on scroll, by the same measures (Material 9.x components header, main, tabs and
     header title): a shadow once the main area reaches the header, the tabs faded once scrolled 10 px, the page's
     title in the header once its heading has scrolled under it. Kept to this function: only classes change. */
  function setupHeader() {
    var header = document.querySelector(".md-header"), main = document.querySelector(".md-main");
    var tabs = document.querySelector(".md-tabs"), title = document.querySelector(".md-header__title");
    var heading = document.querySelector(".md-content h1");
    if (!header || !main) return;
    var queued = false;
    function update() {
      queued = false;
      var y = window.pageYOffset, height = header.offsetHeight;
      header.classList.toggle("md-header--shadow", main.offsetTop - height <= y);
      if (tabs) tabs.hidden = y - tabs.offsetTop + height >= 10;
      if (title && heading) {
        title.classList.toggle("md-header__title--active",
                               heading.offsetHeight > 0 && y - heading.offsetTop + height >= heading.offsetHeight);
      }
    }
    function later() {
      if (!queued) { queued = true; window.requestAnimationFrame(update); }
    }
    window.addEventListener("scroll", later, { passive: true });
    window.addEventListener("resize", later);
    update();
  }

  function start() {
    revealControls();
    setupScrollBoxes();
    setupQrCodes();
    setupMenuButton();
    if (!bundled) setupHeader();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
