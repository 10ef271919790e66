// Applies the remembered theme before the first paint (an external file: the CSP forbids inline scripts).
try {
  var t = localStorage.getItem("quay-admin.theme");
  if (t === "light" || t === "dark") document.documentElement.setAttribute("data-theme", t);
} catch (e) {}
