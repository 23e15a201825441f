// The Outlook add-in pane's logic, without the page: what meeting is open, what PartnerHub knows about it, and the
// coordinator's actions. No DOM here, so node tests run it against office-addin-mock (tools/node/addin-tests).
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    module.exports = factory();
  } else {
    root.PartnerHubPane = factory();
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  // Office's callback style as a promise: resolves with result.value, rejects with result.error.
  function officeCall(target, method) {
    var args = Array.prototype.slice.call(arguments, 2);
    return new Promise(function (resolve, reject) {
      args.push(function (result) {
        if (result && result.status === "succeeded") {
          resolve(result.value);
        } else {
          reject((result && result.error) || new Error(method + " failed"));
        }
      });
      target[method].apply(target, args);
    });
  }

  // Danish first; English only when Outlook runs in English (the programme's rule: Danish default, English if chosen).
  function languageOf(displayLanguage) {
    return /^en\b/i.test(String(displayLanguage || "")) ? "en" : "da";
  }

  // Office.js gives EWS ids on some clients; Graph and PartnerHub use REST ids.
  function restIdOf(office, id) {
    var mailbox = office.context.mailbox;
    if (!id) { return null; }
    if (typeof mailbox.convertToRestId === "function" && office.MailboxEnums && office.MailboxEnums.RestVersion) {
      return mailbox.convertToRestId(id, office.MailboxEnums.RestVersion.v2_0);
    }
    return id;
  }

  // The open meeting: "organizer" in the organiser's form (compose: it has saveAsync), "attendee" when read.
  async function readMeeting(office) {
    var item = office.context && office.context.mailbox && office.context.mailbox.item;
    if (!item || item.itemType !== "appointment") {
      return { role: "none", eventId: null, isNew: false };
    }
    if (typeof item.saveAsync === "function") {
      var id = null;
      try {
        id = await officeCall(item, "getItemIdAsync");
      } catch (e) {
        id = null; // a new meeting not saved yet has no id
      }
      return { role: "organizer", eventId: restIdOf(office, id), isNew: !id };
    }
    return { role: "attendee", eventId: restIdOf(office, item.itemId), isNew: false };
  }

  // options: office, fetch, getToken(): Promise<string>, apiBase, category, findICalUId(eventId): Promise<string|null> (optional).
  function createPane(options) {
    var office = options.office;
    var fetchImpl = options.fetch;
    var apiBase = options.apiBase || "/api";
    var state = { view: "loading", meeting: null, projects: [], session: null, etag: null, notice: null };

    async function request(method, path, body, etag) {
      var token = await options.getToken();
      var headers = { "Accept": "application/json", "Authorization": "Bearer " + token, "Accept-Language": options.language || "da" };
      if (body !== undefined) { headers["Content-Type"] = "application/json"; }
      if (etag) { headers["If-Match"] = etag; }
      var response = await fetchImpl(apiBase + path, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body) });
      var json = null;
      try { json = await response.json(); } catch (e) { json = null; }
      var tag = response.headers && typeof response.headers.get === "function" ? response.headers.get("ETag") : null;
      return { status: response.status, body: json, etag: tag };
    }

    function show(view, notice) {
      state.view = view;
      state.notice = notice || null;
      return state;
    }

    function showSession(answer, notice) {
      state.session = answer.body;
      state.etag = answer.etag || (answer.body ? "\"" + answer.body.version + "\"" : null);
      return show("session", notice);
    }

    async function loadProjects() {
      var answer = await request("GET", "/me/projects");
      state.projects = answer.status === 200 && answer.body ? answer.body.projects || [] : [];
      return state.projects;
    }

    async function readSession(meeting) {
      var path = "/me/outlook-events/" + encodeURIComponent(meeting.eventId) + "/session";
      if (meeting.role === "attendee" && options.findICalUId) {
        var uid = null;
        try { uid = await options.findICalUId(meeting.eventId); } catch (e) { uid = null; }
        if (uid) { path += "?iCalUId=" + encodeURIComponent(uid); }
      }
      return request("GET", path);
    }

    async function load() {
      try {
        var meeting = state.meeting = await readMeeting(office);
        if (meeting.role === "none") { return show("not-a-meeting"); }
        if (!meeting.isNew) {
          var answer = await readSession(meeting);
          if (answer.status === 200) { return showSession(answer); }
          if (answer.status === 401 || answer.status === 403) { return show("signed-out"); }
          if (answer.status !== 404) { return show("error"); }
        }
        if (meeting.role !== "organizer") { return show("not-a-session"); }
        var projects = await loadProjects();
        return show(projects.length > 0 ? "mark" : "not-a-coordinator");
      } catch (e) {
        return show("error");
      }
    }

    // The coordinator marks the meeting: the category on the item (Outlook saves it with the meeting), then PartnerHub
    // adopts the meeting into the chosen project (point 1's path). A new meeting is saved first so it has an id.
    async function markAsSession(projectId) {
      if (!state.projects.some(function (p) { return p.id === projectId; })) { return show("mark", "choose-project"); }
      var item = office.context.mailbox.item;
      try {
        var current = item.categories ? await officeCall(item.categories, "getAsync") : [];
        var has = (current || []).some(function (c) { return c && c.displayName === options.category; });
        if (!has && item.categories) { await officeCall(item.categories, "addAsync", [options.category]); }
        var id = await officeCall(item, "saveAsync");
        state.meeting = { role: "organizer", eventId: restIdOf(office, id), isNew: false };
      } catch (e) {
        return show("mark", "outlook-failed");
      }
      var answer = await request("PUT", "/projects/" + encodeURIComponent(projectId) + "/outlook-events/" + encodeURIComponent(state.meeting.eventId), {});
      switch (answer.status) {
        case 200:
        case 201: {
          var again = await readSession(state.meeting);
          return again.status === 200 ? showSession(again, "adopted") : show("pending", "adopted");
        }
        case 202: return show("pending", "pending");
        case 409: return show("mark", "other-project");
        case 400: return show("mark", "invalid-meeting");
        case 401:
        case 403: return show("signed-out");
        default: return show("mark", "failed");
      }
    }

    // A change answered 412 (someone else changed the session) reloads it and says so; nothing is overwritten.
    async function change(method, path, body) {
      var session = state.session;
      if (!session) { return state; }
      var base = "/projects/" + encodeURIComponent(session.projectId) + "/sessions/" + encodeURIComponent(session.sessionId);
      var answer = await request(method, base + path, body, state.etag);
      switch (answer.status) {
        case 200: return showSession(answer, "saved");
        case 412: {
          var again = await readSession(state.meeting);
          return again.status === 200 ? showSession(again, "stale") : show("error");
        }
        case 409: return show("session", "not-now");
        case 400: return show("session", "invalid");
        case 401:
        case 403: return show("signed-out");
        default: return show("session", "failed");
      }
    }

    function recordAttendance(attendedObjectIds) {
      return change("POST", "/attendance", { attended: attendedObjectIds || [] });
    }

    function saveMinutes(text) {
      if (!text || !String(text).trim()) { return Promise.resolve(show("session", "minutes-empty")); }
      return change("PUT", "/minutes/text", { text: String(text) });
    }

    return { state: state, load: load, markAsSession: markAsSession, recordAttendance: recordAttendance, saveMinutes: saveMinutes };
  }

  return { createPane: createPane, readMeeting: readMeeting, languageOf: languageOf, officeCall: officeCall };
});
