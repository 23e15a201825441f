// The Outlook add-in pane's page: finds Outlook (Office.js), signs in through nested app authentication (MSAL), runs
// pane.js and draws its state. Outside Outlook in the local demo it uses a stand-in mailbox so the pane can be tried at
// http://127.0.0.1:3978/addin/pane.html. Text is set with textContent only: nothing from the API becomes markup.
(function () {
  "use strict";
  var Pane = window.PartnerHubPane;
  var main = document.getElementById("pane");
  var strings = null;
  var config = null;
  var language = "da";
  var pane = null;
  var demo = false;

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) {
      if (key === "text") { node.textContent = attributes[key]; } else { node.setAttribute(key, attributes[key]); }
    });
    (children || []).forEach(function (child) { if (child) { node.appendChild(child); } });
    return node;
  }

  function fill(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (_, name) { return values[name] === undefined ? "" : String(values[name]); });
  }

  function when(startIso, endIso) {
    var locale = language === "en" ? "en-GB" : "da-DK";
    var zone = "Europe/Copenhagen";
    var start = new Date(startIso), end = new Date(endIso);
    var day = new Intl.DateTimeFormat(locale, { timeZone: zone, weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(start);
    var time = new Intl.DateTimeFormat(locale, { timeZone: zone, hour: "2-digit", minute: "2-digit" });
    return day + " " + time.format(start) + "–" + time.format(end);
  }

  function setBusy(busy) { main.setAttribute("aria-busy", busy ? "true" : "false"); }

  function message(text) {
    main.replaceChildren();
    if (demo) { main.appendChild(el("p", { "class": "demo", id: "demo-banner", text: strings.demoBanner })); }
    main.appendChild(el("p", { id: "pane-message", text: text }));
    setBusy(false);
  }

  function noticeOf(state) {
    if (!state.notice) { return null; }
    var ok = state.notice === "saved" || state.notice === "adopted" || state.notice === "pending";
    return el("p", { "class": ok ? "notice ok" : "notice", id: "pane-notice", role: "status", text: strings.notices[state.notice] || strings.error });
  }

  function render(state) {
    main.replaceChildren();
    if (demo) { main.appendChild(el("p", { "class": "demo", id: "demo-banner", text: strings.demoBanner })); }
    var notice = noticeOf(state);
    switch (state.view) {
      case "mark": main.appendChild(markView(notice)); break;
      case "pending": main.append(el("h2", { text: strings.pendingTitle }), notice || el("span"), el("p", { text: strings.pendingText })); break;
      case "session": main.appendChild(sessionView(state, notice)); break;
      case "not-a-meeting": message(strings.notAMeeting); return;
      case "not-a-session": message(strings.notASession); return;
      case "not-a-coordinator": message(strings.notACoordinator); return;
      case "signed-out": message(strings.signedOut); return;
      default: message(strings.error); return;
    }
    setBusy(false);
  }

  function markView(notice) {
    var select = el("select", { id: "project", name: "project" }, [el("option", { value: "", text: strings.chooseProject })]);
    pane.state.projects.forEach(function (p) { select.appendChild(el("option", { value: p.id, text: p.name })); });
    if (pane.state.projects.length === 1) { select.value = pane.state.projects[0].id; }
    var button = el("button", { type: "button", id: "mark-session", text: strings.markButton });
    button.addEventListener("click", function () { act(function () { return pane.markAsSession(select.value); }); });
    return el("section", { "aria-labelledby": "mark-title" }, [
      el("h2", { id: "mark-title", text: strings.markTitle }),
      notice,
      el("p", { text: fill(strings.markText, { category: config.category }) }),
      el("label", { "for": "project", text: strings.project }),
      select,
      button,
    ]);
  }

  function sessionView(state, notice) {
    var s = state.session, t = strings.session;
    var facts = el("dl", {}, [
      el("dt", { text: t.when }), el("dd", { text: when(s.start, s.end) }),
      el("dt", { text: t.where }), el("dd", { text: s.isOnline ? t.online : (s.place || "–") }),
      el("dt", { text: t.state }), el("dd", { id: "session-state", text: t.states[s.state] || s.state }),
    ]);
    var section = el("section", { "aria-labelledby": "session-title" }, [el("h2", { id: "session-title", text: s.title }), notice, facts]);
    if (s.viewerRole === "coordinator") {
      var a = s.answers || { accepted: 0, tentative: 0, declined: 0, notAnswered: 0 };
      section.append(el("h2", { text: t.answers }), el("p", { id: "answers", text: fill(t.answersSummary, { accepted: a.accepted, tentative: a.tentative, declined: a.declined, none: a.notAnswered }) }));
      var people = el("ul", { "class": "people", id: "invitees" });
      (s.invitees || []).forEach(function (i) {
        var status = i.attended === true ? t.attended : i.attended === false ? t.notAttended : (t.rsvp[i.rsvp] || i.rsvp);
        people.appendChild(el("li", {}, [el("span", { text: i.name || "–" }), el("span", { "class": "muted", text: status })]));
      });
      section.appendChild(people);
      section.appendChild(attendanceView(s));
    } else {
      section.append(el("h2", { text: t.myAnswer }), el("p", { id: "my-answer", text: t.rsvp[s.myAnswer] || t.rsvp.None }));
      if (s.iAttended === true || s.iAttended === false) { section.appendChild(el("p", { text: s.iAttended ? t.iAttended : t.iDidNotAttend })); }
    }
    section.appendChild(minutesView(s));
    return section;
  }

  function attendanceView(s) {
    var t = strings.session;
    var part = el("section", { "aria-labelledby": "attendance-title" }, [el("h2", { id: "attendance-title", text: t.attendanceTitle })]);
    if (!s.canRecordAttendance) { part.appendChild(el("p", { "class": "muted", text: t.attendanceNotYet })); return part; }
    var set = el("fieldset", {}, [el("legend", { text: t.attendanceLegend })]);
    (s.invitees || []).forEach(function (i, n) {
      var box = el("input", { type: "checkbox", id: "attended-" + n, value: i.objectId });
      box.checked = i.attended === true || (i.attended === null && i.rsvp === "Accepted");
      set.appendChild(el("label", { "for": "attended-" + n }, [box, document.createTextNode(i.name || "–")]));
    });
    var button = el("button", { type: "button", id: "save-attendance", text: t.attendanceButton });
    button.addEventListener("click", function () {
      var ids = Array.prototype.filter.call(set.querySelectorAll("input[type=checkbox]"), function (b) { return b.checked; }).map(function (b) { return b.value; });
      act(function () { return pane.recordAttendance(ids); });
    });
    part.append(set, button);
    return part;
  }

  function minutesView(s) {
    var t = strings.session;
    var part = el("section", { "aria-labelledby": "minutes-title" }, [el("h2", { id: "minutes-title", text: t.minutesTitle })]);
    if (s.minutes && s.minutes.state === "added" && /^https:\/\//.test(s.minutes.url || "")) {
      part.appendChild(el("p", {}, [el("a", { href: s.minutes.url, target: "_blank", rel: "noopener noreferrer", id: "minutes-link", text: t.minutesLink })]));
    } else {
      part.appendChild(el("p", { "class": "muted", id: "minutes-none", text: t.minutesNone }));
    }
    if (s.canWriteMinutes) {
      var text = el("textarea", { id: "minutes-text", name: "minutes", "aria-describedby": "minutes-hint", maxlength: "20000" });
      var button = el("button", { type: "button", id: "save-minutes", text: t.minutesButton });
      button.addEventListener("click", function () { act(function () { return pane.saveMinutes(text.value); }); });
      part.append(el("label", { "for": "minutes-text", text: t.minutesLabel }), el("p", { id: "minutes-hint", "class": "muted", text: t.minutesHint }), text, button);
    }
    return part;
  }

  function act(run) {
    setBusy(true);
    run().then(render, function () { message(strings.error); });
  }

  // Office.onReady answers with host null outside Office; it may also never answer in a plain browser.
  function findOutlook() {
    if (!window.Office || typeof window.Office.onReady !== "function") { return Promise.resolve(false); }
    return Promise.race([
      window.Office.onReady().then(function (info) { return !!info && info.host === "Outlook"; }, function () { return false; }),
      new Promise(function (resolve) { setTimeout(function () { resolve(false); }, 3000); }),
    ]);
  }

  // The local demo's stand-in mailbox: ?meeting=new (default), organizer or attendee, with &event=<Graph event id>.
  function demoOffice(query) {
    var kind = query.get("meeting") || "new";
    var id = kind === "new" ? null : (query.get("event") || "local-demo-event");
    var categories = [];
    var done = function (callback, value) { callback({ status: "succeeded", value: value }); };
    var item = kind === "attendee"
      ? { itemType: "appointment", itemId: id }
      : {
        itemType: "appointment",
        getItemIdAsync: function (callback) { if (id) { done(callback, id); } else { callback({ status: "failed", error: new Error("not saved") }); } },
        saveAsync: function (callback) { id = id || "local-demo-" + Date.now().toString(36); done(callback, id); },
        categories: {
          getAsync: function (callback) { done(callback, categories.map(function (c) { return { displayName: c }; })); },
          addAsync: function (names, callback) { categories = categories.concat(names); done(callback); },
        },
      };
    return { context: { displayLanguage: query.get("lang") === "en" ? "en-GB" : "da-DK", mailbox: { item: item } } };
  }

  // Nested app authentication: Outlook brokers the token; no popup unless consent is missing.
  function naaTokens() {
    var clientPromise = window.msal.createNestablePublicClientApplication({ auth: { clientId: config.clientId, authority: "https://login.microsoftonline.com/organizations" } });
    return function (scopes) {
      return clientPromise.then(function (client) {
        return client.acquireTokenSilent({ scopes: scopes }).catch(function () { return client.acquireTokenPopup({ scopes: scopes }); });
      }).then(function (result) { return result.accessToken; });
    };
  }

  // An attendee's copy of the meeting has its own id; the meeting's iCalUId (Graph, delegated Calendars.Read) is shared.
  function iCalUIdFinder(token) {
    return function (eventId) {
      return token(config.graphScopes).then(function (graphToken) {
        return fetch("https://graph.microsoft.com/v1.0/me/events/" + encodeURIComponent(eventId) + "?$select=iCalUId", { headers: { Authorization: "Bearer " + graphToken } });
      }).then(function (r) { return r.ok ? r.json() : null; }).then(function (e) { return e && e.iCalUId ? e.iCalUId : null; });
    };
  }

  async function start() {
    var query = new URLSearchParams(window.location.search);
    config = await (await fetch("config.json", { headers: { Accept: "application/json" } })).json();
    var inOutlook = await findOutlook();
    demo = !inOutlook && config.mode === "demo";
    language = Pane.languageOf(inOutlook ? window.Office.context.displayLanguage : (query.get("lang") === "en" ? "en" : "da"));
    document.documentElement.lang = language;
    strings = await (await fetch("strings." + language + ".json")).json();
    document.title = "PartnerHub";

    if (!inOutlook && !demo) { message(strings.outsideOutlook); return; }
    if (config.mode === "unavailable") { message(strings.unavailable); return; }

    var office = inOutlook ? window.Office : demoOffice(query);
    var token = demo ? null : naaTokens();
    pane = Pane.createPane({
      office: office,
      fetch: window.fetch.bind(window),
      getToken: demo ? function () { return Promise.resolve("local-demo"); } : function () { return token([config.apiScope]); },
      apiBase: config.apiBase,
      category: config.category,
      language: language,
      findICalUId: demo ? null : iCalUIdFinder(token),
    });
    render(await pane.load());
  }

  start().catch(function () {
    main.replaceChildren(el("p", { id: "pane-message", text: strings ? strings.error : "PartnerHub: noget gik galt. Something went wrong." }));
    setBusy(false);
  });
})();
