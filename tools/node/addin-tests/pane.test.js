// The Outlook add-in pane's logic (src/PartnerHub.Api/wwwroot/addin/pane.js) against office-addin-mock's Office and a
// recording stand-in for PartnerHub's REST API. Run: node --test tools/node/addin-tests
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { OfficeMockObject } = require('office-addin-mock');
const { createPane, readMeeting, languageOf } = require(path.join(__dirname, '..', '..', '..', 'src', 'PartnerHub.Api', 'wwwroot', 'addin', 'pane.js'));

const CATEGORY = 'PartnerHub – supervision';
const ok = (value) => (callback) => callback({ status: 'succeeded', value });

function office(item) {
  // host "outlook": the mock then hands out values as Outlook does, without Excel-style load()/sync().
  return new OfficeMockObject({
    host: 'outlook',
    context: {
      displayLanguage: 'da-DK',
      mailbox: {
        item,
        convertToRestId: function (id) { return 'rest-' + id; },
      },
    },
    MailboxEnums: { RestVersion: { v2_0: 'v2.0' } },
  });
}

function organizerItem({ id = 'AAMk1', categories = [] } = {}) {
  const item = {
    itemType: 'appointment',
    added: [],
    saved: 0,
    getItemIdAsync: function (callback) {
      callback(id ? { status: 'succeeded', value: id } : { status: 'failed', error: new Error('not saved') });
    },
    saveAsync: function (callback) { item.saved += 1; id = id || 'AAMkNew'; callback({ status: 'succeeded', value: id }); },
    categories: {
      getAsync: function (callback) { ok(categories.map((c) => ({ displayName: c })))(callback); },
      addAsync: function (names, callback) { item.added.push(...names); callback({ status: 'succeeded' }); },
    },
  };
  return item;
}

function attendeeItem(id = 'AAMkAtt') {
  return { itemType: 'appointment', itemId: id };
}

// Answers by "METHOD path" in order; records every call with its headers and body.
function api(routes) {
  const calls = [];
  const fetch = async (url, init) => {
    calls.push({ method: init.method, url, headers: init.headers, body: init.body ? JSON.parse(init.body) : undefined });
    const key = `${init.method} ${url}`;
    const queue = routes[key];
    const answer = Array.isArray(queue) ? queue.shift() : queue;
    if (!answer) return { status: 404, json: async () => ({}), headers: { get: () => null } };
    return { status: answer.status, json: async () => answer.body ?? null, headers: { get: (name) => (name === 'ETag' ? answer.etag ?? null : null) } };
  };
  return { calls, fetch };
}

const session = (over = {}) => ({ projectId: 'vollsmose', sessionId: 's-1', version: 3, title: 'Supervision', state: 'Scheduled', viewerRole: 'coordinator', invitees: [], minutes: { state: 'none' }, ...over });

function pane(item, routes, extra = {}) {
  const server = api(routes);
  const p = createPane({ office: office(item), fetch: server.fetch, getToken: async () => 'token-1', apiBase: '/api', category: CATEGORY, ...extra });
  return { p, server };
}

test('Danish unless Outlook runs in English', () => {
  assert.equal(languageOf('da-DK'), 'da');
  assert.equal(languageOf('en-GB'), 'en');
  assert.equal(languageOf('de-DE'), 'da');
  assert.equal(languageOf(undefined), 'da');
});

test('the organiser of a saved meeting gets its REST id; a new meeting has none yet; a message is not a meeting', async () => {
  assert.deepEqual(await readMeeting(office(organizerItem())), { role: 'organizer', eventId: 'rest-AAMk1', isNew: false });
  assert.deepEqual(await readMeeting(office(organizerItem({ id: null }))), { role: 'organizer', eventId: null, isNew: true });
  assert.deepEqual(await readMeeting(office(attendeeItem())), { role: 'attendee', eventId: 'rest-AAMkAtt', isNew: false });
  assert.equal((await readMeeting(office({ itemType: 'message' }))).role, 'none');
});

test('an existing session is shown with its ETag, read with her token', async () => {
  const { p, server } = pane(organizerItem(), { 'GET /api/me/outlook-events/rest-AAMk1/session': { status: 200, body: session(), etag: '"3"' } });
  const state = await p.load();
  assert.equal(state.view, 'session');
  assert.equal(state.etag, '"3"');
  assert.equal(server.calls[0].headers.Authorization, 'Bearer token-1');
});

test('a new meeting offers her projects; marking it sets the category, saves and asks PartnerHub to adopt it', async () => {
  const item = organizerItem({ id: null });
  const { p, server } = pane(item, {
    'GET /api/me/projects': { status: 200, body: { projects: [{ id: 'vollsmose', name: 'Bydelsmødre Vollsmose' }] } },
    'PUT /api/projects/vollsmose/outlook-events/rest-AAMkNew': { status: 202, body: {} },
  });
  assert.equal((await p.load()).view, 'mark');
  const state = await p.markAsSession('vollsmose');
  assert.equal(state.view, 'pending');
  assert.deepEqual(item.added, [CATEGORY]);
  assert.equal(item.saved, 1);
  assert.equal(server.calls.at(-1).method, 'PUT');
});

test('marking: adopted at once shows the session; another project\'s meeting and a project not hers are refused', async () => {
  const item = organizerItem({ categories: [CATEGORY] });
  const { p } = pane(item, {
    'GET /api/me/outlook-events/rest-AAMk1/session': [{ status: 404 }, { status: 200, body: session(), etag: '"1"' }],
    'GET /api/me/projects': { status: 200, body: { projects: [{ id: 'vollsmose', name: 'V' }, { id: 'gellerup', name: 'G' }] } },
    'PUT /api/projects/vollsmose/outlook-events/rest-AAMk1': { status: 200, body: {} },
    'PUT /api/projects/gellerup/outlook-events/rest-AAMk1': { status: 409, body: {} },
  });
  assert.equal((await p.load()).view, 'mark');
  assert.equal((await p.markAsSession('elsewhere')).notice, 'choose-project');
  assert.equal((await p.markAsSession('gellerup')).notice, 'other-project');
  const adopted = await p.markAsSession('vollsmose');
  assert.equal(adopted.view, 'session');
  assert.equal(adopted.notice, 'adopted');
  assert.deepEqual(item.added, [], 'the category was already on the meeting');
});

test('an attendee\'s meeting is looked up by its iCalUId; not a session says so', async () => {
  const { p, server } = pane(attendeeItem(), {}, { findICalUId: async () => '040000008200E0' });
  assert.equal((await p.load()).view, 'not-a-session');
  assert.equal(server.calls[0].url, '/api/me/outlook-events/rest-AAMkAtt/session?iCalUId=040000008200E0');
});

test('attendance and minutes send If-Match; a lost race reloads the session and says so', async () => {
  const { p, server } = pane(organizerItem(), {
    'GET /api/me/outlook-events/rest-AAMk1/session': [{ status: 200, body: session(), etag: '"3"' }, { status: 200, body: session({ version: 4 }), etag: '"4"' }],
    'POST /api/projects/vollsmose/sessions/s-1/attendance': { status: 412, body: {} },
    'PUT /api/projects/vollsmose/sessions/s-1/minutes/text': { status: 200, body: session({ version: 5 }), etag: '"5"' },
  });
  await p.load();
  const stale = await p.recordAttendance(['adele']);
  assert.equal(stale.notice, 'stale');
  assert.equal(stale.etag, '"4"');
  const post = server.calls.find((c) => c.method === 'POST');
  assert.equal(post.headers['If-Match'], '"3"');
  assert.deepEqual(post.body, { attended: ['adele'] });

  const saved = await p.saveMinutes('Vi talte om hjemmebesøg.');
  assert.equal(saved.notice, 'saved');
  assert.equal(server.calls.at(-1).headers['If-Match'], '"4"');
  assert.equal(saved.etag, '"5"');
  assert.equal((await p.saveMinutes('   ')).notice, 'minutes-empty');
});

test('a session that does not take the change yet, and a refused token', async () => {
  const { p } = pane(organizerItem(), {
    'GET /api/me/outlook-events/rest-AAMk1/session': { status: 200, body: session(), etag: '"3"' },
    'POST /api/projects/vollsmose/sessions/s-1/attendance': [{ status: 409, body: {} }, { status: 401, body: {} }],
  });
  await p.load();
  assert.equal((await p.recordAttendance([])).notice, 'not-now');
  assert.equal((await p.recordAttendance([])).view, 'signed-out');
});
