// Runs before the wasm; an external file as the CSP forbids inline scripts. Why each part is
// here rather than in Rust: src/components/theme.rs, src/page_styles.rs.
try {
  var t = localStorage.getItem("quay-admin.theme");
  if (t === "light" || t === "dark") document.documentElement.setAttribute("data-theme", t);
} catch (e) {}

// An OAuth return carries the token in the address, and the browser keeps that address in this
// document's navigation record (performance.getEntriesByType("navigation")) whatever the app then
// does to the address bar. So the return goes to the app through this tab's sessionStorage
// (src/auth/oauth.rs) and the page loads again without it; the app does not start meanwhile.
try {
  if (/(^|&)access_token=/.test(location.hash.slice(1))) {
    sessionStorage.setItem("quay-admin.oauth-return", location.search + location.hash);
    document.documentElement.setAttribute("data-reloading", "");
    location.replace(location.pathname);
  }
} catch (e) {}

function quayAdminLoadPageStyles() {
  var meta = document.querySelector("meta[name=quay-admin-page-styles]");
  if (!meta || document.querySelector("link[data-page-styles]")) return;
  var root = document.documentElement, link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = meta.content;
  link.integrity = meta.getAttribute("data-integrity") || "";
  link.setAttribute("data-page-styles", "");
  link.onload = link.onerror = function () { root.classList.remove("page-styles-loading"); };
  root.classList.add("page-styles-loading");
  document.head.appendChild(link);
}

// The page's own wasm module, fetched alongside the main module rather than after it has started
// (issue 17): the route is the address's last segment (every route is one segment deep), and
// without a session every route but the setup wizard shows the sign-in gate first.
// scripts/wasm_split.py names the modules in index.html; the loader's fetch finds this one.
try {
  (function () {
    var meta = document.querySelector("meta[name=quay-admin-pages]");
    if (!meta || document.documentElement.hasAttribute("data-reloading")) return;
    var files = Object.create(null); // no inherited names: "/constructor" is not a page
    meta.content.split(" ").forEach(function (pair) {
      var i = pair.indexOf("=");
      files[pair.slice(0, i)] = pair.slice(i + 1);
    });
    var route = location.pathname.slice(location.pathname.lastIndexOf("/") + 1);
    var wanted = [files[route]];
    var session = sessionStorage.getItem("quay-admin.token") || sessionStorage.getItem("quay-admin.oauth-return");
    // config.json too: the app reads it first thing, and on a slow link a round trip counts.
    wanted.push("config.json");
    if (!session && route !== "setup") wanted.push(files["?"]);
    // Every page but the signed-out overview uses the pages' stylesheet (src/page_styles.rs).
    if (files[route] && (route !== "" || session)) quayAdminLoadPageStyles();
    wanted.forEach(function (file) {
      if (!file) return;
      var link = document.createElement("link");
      link.rel = "preload";
      link.as = "fetch";
      link.crossOrigin = "anonymous";
      link.href = file;
      document.head.appendChild(link);
    });
  })();
} catch (e) {}
