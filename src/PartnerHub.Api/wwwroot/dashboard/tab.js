// The coordinator tab's browser side: the Teams JS SDK (vendor/teams-js) reached from the server over the circuit.
// Tokens are never stored here; the server asks for one when it needs one and validates it itself.
(function () {
  "use strict";
  var initialized = null;

  function withTimeout(promise, ms) {
    return Promise.race([promise, new Promise(function (_, reject) { setTimeout(function () { reject(new Error("timeout")); }, ms); })]);
  }

  window.partnerHubTab = {
    // Outside a Microsoft host app.initialize() never answers (no parent frame) or fails: then the page says "open in
    // Teams". The same personal tab runs in Teams, Outlook and the Microsoft 365 app; host.name tells which.
    initialize: async function () {
      var outside = { inTeams: false, locale: null, host: null, clientType: null };
      if (!window.microsoftTeams || window.parent === window) {
        return outside;
      }
      try {
        initialized = initialized || withTimeout(window.microsoftTeams.app.initialize(), 5000);
        await initialized;
        var context = await window.microsoftTeams.app.getContext();
        var app = (context && context.app) || {};
        var host = app.host || {};
        return { inTeams: true, locale: app.locale || null, host: host.name || null, clientType: host.clientType || null };
      } catch (e) {
        initialized = null;
        return outside;
      }
    },
    // Teams caches the token and renews it itself; asking again near expiry gets a fresh one.
    getToken: async function () {
      try {
        return await window.microsoftTeams.authentication.getAuthToken();
      } catch (e) {
        return null;
      }
    },
    // The Rapport page's downloads: the server streams the file over the circuit; the browser saves it.
    download: async function (fileName, contentType, streamReference) {
      var buffer = await streamReference.arrayBuffer();
      var url = URL.createObjectURL(new Blob([buffer], { type: contentType }));
      var link = document.createElement("a");
      link.href = url;
      link.download = fileName;
      link.click();
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    },
    setLanguage: function (language) {
      document.documentElement.lang = language;
    },
    focus: function (id) {
      var element = document.getElementById(id);
      if (element) { element.focus(); }
    }
  };
})();
