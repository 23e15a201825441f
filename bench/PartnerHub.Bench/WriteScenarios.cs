extern alias api;

using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PartnerHub.Bench;

/// <summary>
/// The write path's scenarios: a partner submits the referral form, the coordinator accepts a submitted referral, a
/// neighbourhood mother answers a supervision session's invitation. Each request acts on a record in a state where
/// the action is valid, so a row measures real changes: accept takes a referral no request has accepted yet from a pool
/// (filled by the submit rows and, when short, topped up by submitting more before the row), and the answers to a
/// session alternate between yes and no over many sessions. The expected answer carries the change's own notice.
/// </summary>
public sealed partial class WriteScenarios(Uri serviceUrl)
{
    // src/PartnerHub.Api/Demo/DemoData.cs: Megan (kindergarten staff) refers; Adele (neighbourhood mother) is invited.
    public const string PartnerStaffObjectId = "00000000-0000-0000-0000-000000000021";
    public const string MotherObjectId = "00000000-0000-0000-0000-000000000022";
    public const string SecondMotherObjectId = "00000000-0000-0000-0000-000000000023";

    // DemoData.TeacherLidia: the teacher the coordinator books for every week of the bench's cohorts.
    public const string TeacherObjectId = "00000000-0000-0000-0000-000000000026";

    // cards/strings.da.json: the notices of a change that was applied (ASCII, so the same escaped or not).
    private const string SubmittedNotice = "Tak! Henvisningen er sendt til koordinatoren.";
    private const string SavedNotice = "Gemt.";
    private const string RespondedNotice = "Tak for dit svar.";
    private const string AnsweredNotice = "Tak for dit svar. Koordinatoren";

    // The coordinator's session card once a teacher is asked.
    private const string WaitingForAnswer = "Afventer svar";
    private static readonly byte[] SubmittedNoticeBytes = Encoding.UTF8.GetBytes(SubmittedNotice);

    private readonly ConcurrentQueue<string> _submitted = new();
    private readonly ConcurrentQueue<(string CohortId, string BookingId)> _bookings = new();
    private int _cohorts;
    private readonly List<string> _sessions = [];
    private readonly ConcurrentDictionary<string, int> _sessionVersions = new(StringComparer.Ordinal);
    private long _submits;
    private long _answers;
    private long _poolMisses;

    /// <summary>Referrals submitted and not yet taken by an accept request.</summary>
    public int SubmittedWaiting => _submitted.Count;

    public int Sessions => _sessions.Count;

    /// <summary>Accept requests that found no submitted referral left (sent with an id no referral has: counted as errors).</summary>
    public long PoolMisses => Interlocked.Read(ref _poolMisses);

    /// <summary>(s) referral.submit: a new referral each time (a fresh requestId), its row, index rows and outbox row in one transaction, then the outbox nudge.</summary>
    public Scenario Submit() => new(
        "s", "invoke referral.submit by partner staff (Megan): the referral form's answers → one new referral (transaction with its outbox row, then the outbox nudge) → her status card with the \"sent\" notice",
        (2000, 1000), false,
        Scenario.Invoke(serviceUrl, "referral.submit", new JsonObject(), "manual", PartnerStaffObjectId),
        () => SubmitData(Interlocked.Increment(ref _submits)), ScenarioKind.Change, Scenario.CardType, SubmittedNotice)
    {
        Observer = Observe,
    };

    /// <summary>(t) referral.accept: the coordinator accepts a referral that is still submitted (each request its own).</summary>
    public Scenario Accept() => new(
        "t", "invoke referral.accept by the coordinator on a referral still submitted (each request a different one) → her card with the \"saved\" notice (ETag-conditional transaction with its outbox row)",
        (2000, 1000), false,
        Scenario.Invoke(serviceUrl, "referral.accept", new JsonObject(), "manual"),
        AcceptData, ScenarioKind.Change, Scenario.CardType, SavedNotice);

    /// <summary>(u) session.respond: a neighbourhood mother answers yes, then no, round the bench's sessions.</summary>
    public Scenario Respond() => new(
        "u", "invoke session.respond by a neighbourhood mother (Adele) on one of the bench's supervision sessions, alternately yes and no → her session card with the \"thanks\" notice",
        (2000, 1000), false,
        Scenario.Invoke(serviceUrl, "session.respond", new JsonObject(), "manual", MotherObjectId),
        RespondData, ScenarioKind.Change, Scenario.CardType, RespondedNotice)
    {
        Observer = ObserveSession,
    };

    /// <summary>
    /// (v) course.booking.accept: a teacher (Lidia) accepts a booking the coordinator requested for one week of a cohort
    /// (each request its own booking, from a pool the setup fills: <see cref="EnsureBookingsAsync"/>).
    /// </summary>
    public Scenario BookingAnswer() => new(
        "v", "invoke course.booking.accept by a teacher (Lidia) on a booking the coordinator requested (each request a different one) → her booking card with the \"thanks\" notice (version-conditional change with its outbox rows)",
        (1000, 300), false,
        Scenario.Invoke(serviceUrl, "course.booking.accept", new JsonObject(), "manual", TeacherObjectId),
        BookingData, ScenarioKind.Change, Scenario.CardType, AnsweredNotice);

    /// <summary>The report's note on (v)'s scope.</summary>
    public const string BookingNote = "Booking answers (v) run in --write and --round-trips: each answer takes a booking the setup requested (30 weeks a cohort, one request each), so the open loop, the soak and two instances leave them out.";

    /// <summary>Bookings requested and not yet taken by an answer.</summary>
    public int BookingsWaiting => _bookings.Count;

    /// <summary>
    /// Fills the booking pool: the coordinator creates 30-week cohorts on the course form (each on its own weekday and
    /// time, so Lidia is never booked twice at once; at most <see cref="MaxCohorts"/>) and requests Lidia for every
    /// week, one request at a time, for at most three minutes. Setup, not measured.
    /// </summary>
    public async Task EnsureBookingsAsync(ServerProcess server, int count, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var run = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        while (_bookings.Count < count && _cohorts < MaxCohorts && clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            var cohort = _cohorts++;
            var plan = await PostAsync(http, server, "course.create", CohortData(run, cohort), $"bench-cohort-{run}-{cohort}", cancellationToken);
            var cohortId = CohortIdPattern().Match(plan).Groups[1].Value;
            var sessions = SessionIdPattern().Matches(plan).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();
            if (cohortId.Length == 0 || sessions.Count == 0)
            {
                throw new InvalidOperationException($"Creating bench cohort {cohort} gave no plan ({plan.Length} bytes); see {server.LogPath}.");
            }

            foreach (var sessionId in sessions)
            {
                var data = new JsonObject
                {
                    ["projectId"] = Scenario.ProjectId,
                    ["cohortId"] = cohortId,
                    ["sessionId"] = sessionId,
                    ["language"] = "da",
                    ["view"] = "session",
                    ["teacher-" + sessionId] = TeacherObjectId,
                    ["note-" + sessionId] = string.Empty,
                };
                var answer = await PostAsync(http, server, "course.booking.request", data, $"bench-booking-{run}-{cohort}-{sessionId}", cancellationToken);
                if (answer.Contains(WaitingForAnswer, StringComparison.Ordinal))
                {
                    _bookings.Enqueue((cohortId, BookingIdOf(cohortId, sessionId)));
                }
            }
        }

        if (_bookings.Count < count)
        {
            Console.Error.WriteLine($"[bench] only {_bookings.Count} of {count} bookings requested for the answers within the time bound");
        }
    }

    /// <summary>
    /// The id the API gives the booking (no card shows it to the coordinator): derived from her request, whose id is the
    /// cohort, the session and the card's version (none sent here), by the API's own code.
    /// </summary>
    private static string BookingIdOf(string cohortId, string sessionId)
    {
        var change = api::PartnerHub.Api.Course.CourseChanges.Change(
            Scenario.CoordinatorObjectId, api::PartnerHub.Api.Course.CourseStore.BookingRecord, cohortId, null, "Request", new { RequestId = $"{cohortId}.{sessionId}." });
        return api::PartnerHub.Api.Course.CourseChanges.IdFrom('b', change);
    }

    private async Task<string> PostAsync(HttpClient http, ServerProcess server, string verb, JsonObject data, string activityId, CancellationToken cancellationToken)
    {
        var activity = Scenario.Invoke(serviceUrl, verb, data, "manual");
        activity["id"] = activityId;
        using var content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(server.MessagesUrl, content, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode
            ? body
            : throw new InvalidOperationException($"Bench setup {verb} failed: HTTP {(int)response.StatusCode}; see {server.LogPath}.");
    }

    /// <summary>How many cohorts Lidia can hold at once in the bench: every weekday, fourteen start times.</summary>
    private const int MaxCohorts = 7 * 14;

    /// <summary>
    /// A 30-week cohort on its own weekday and hour (seven weekdays, 45-minute sessions starting on the hour from 07:00
    /// to 20:00), starting three weeks ahead. Not in later periods: the plan moves sessions past public and school
    /// holidays, so a 30-week course runs for up to 40 weeks, and Lidia would be booked twice.
    /// </summary>
    private static JsonObject CohortData(string run, int cohort)
    {
        var weekday = (DayOfWeek)(((int)DayOfWeek.Monday + (cohort % 7)) % 7);
        var hour = 7 + (cohort / 7 % 14);
        var today = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(21);
        var start = today.AddDays(((int)weekday - (int)today.DayOfWeek + 7) % 7);
        return new JsonObject
        {
            ["projectId"] = Scenario.ProjectId,
            ["requestId"] = $"bench-cohort-{run}-{cohort}",
            ["language"] = "da",
            ["name"] = $"Bench-hold {cohort}",
            ["startDate"] = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["weekday"] = weekday.ToString(),
            ["startTime"] = $"{hour:00}:00",
            ["endTime"] = $"{hour:00}:45",
            ["place"] = "Kvindecenteret",
            ["weeks"] = "30",
        };
    }

    private JsonObject BookingData()
    {
        // An empty pool sends a booking no cohort has: the answer is then an error card, counted as an error.
        var (cohortId, bookingId) = _bookings.TryDequeue(out var booking) ? booking : ("c0000000000000000", Miss());
        return new JsonObject
        {
            ["projectId"] = Scenario.ProjectId,
            ["cohortId"] = cohortId,
            ["bookingId"] = bookingId,
            ["language"] = "da",
        };
    }

    /// <summary>Reads the new referral's id from a submit answer into the pool for accept.</summary>
    public void Observe(byte[] body)
    {
        // Only a submit that made a new referral (its notice): a refused or repeated one adds nothing to accept.
        if (body.AsSpan().IndexOf(SubmittedNoticeBytes) >= 0 && ReferralIdPattern().Match(Encoding.UTF8.GetString(body)) is { Success: true } match)
        {
            _submitted.Enqueue(match.Groups[1].Value);
        }
    }

    /// <summary>
    /// Keeps each session's newest version from the answers, so the next answer carries it as her card would: the
    /// service tells a retry (same person, command and version: applied once) from a new answer by it.
    /// </summary>
    public void ObserveSession(byte[] body)
    {
        // The action data carries both; the card's own "version" ("1.5", its schema) must not be taken for the session's.
        if (FindSessionVersion(JsonNode.Parse(body)) is ({ } id, { } number))
        {
            _sessionVersions.AddOrUpdate(id, number, (_, known) => Math.Max(known, number));
        }
    }

    private static (string? Id, int? Version) FindSessionVersion(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["sessionId"] is JsonValue id && id.TryGetValue<string>(out var sessionId)
                    && obj["version"] is JsonValue version && version.TryGetValue<int>(out var number))
                {
                    return (sessionId, number);
                }

                foreach (var (_, child) in obj)
                {
                    if (FindSessionVersion(child) is ({ } found, { } value))
                    {
                        return (found, value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (FindSessionVersion(child) is ({ } found, { } value))
                    {
                        return (found, value);
                    }
                }

                break;
        }

        return (null, null);
    }

    /// <summary>Sessions the mother answers: created by the coordinator's form, new ones each run, so each starts with no answer from her.</summary>
    public async Task CreateSessionsAsync(ServerProcess server, int count, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var run = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        for (var i = _sessions.Count; i < count; i++)
        {
            var date = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7 + (i % 50));
            var data = new JsonObject
            {
                ["projectId"] = Scenario.ProjectId,
                ["requestId"] = $"bench-session-{run}-{i}",
                ["kind"] = "Supervision",
                ["title"] = $"Supervision {i}",
                ["agenda"] = "Runde og sparring.",
                ["online"] = "false",
                ["place"] = "Beboerhuset",
                ["date"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["startTime"] = "10:00",
                ["endTime"] = "12:00",
                ["invitees"] = MotherObjectId + "," + SecondMotherObjectId,
            };
            var activity = Scenario.Invoke(serviceUrl, "session.save", data, "manual");
            activity["id"] = "bench-setup-" + i.ToString(CultureInfo.InvariantCulture);
            using var content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(server.MessagesUrl, content, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var id = SessionIdPattern().Match(body);
            if (!response.IsSuccessStatusCode || !id.Success)
            {
                throw new InvalidOperationException($"Creating bench session {i} failed: HTTP {(int)response.StatusCode}, {body.Length} bytes; see {server.LogPath}.");
            }

            _sessions.Add(id.Groups[1].Value);
            ObserveSession(Encoding.UTF8.GetBytes(body));
        }
    }

    /// <summary>
    /// Submits referrals (8 in flight) until at least <paramref name="count"/> wait for accept, for at most two minutes
    /// (a slow machine cannot feed a fast schedule: the accept requests beyond the pool then count as errors).
    /// </summary>
    public async Task EnsureSubmittedAsync(IReadOnlyList<ServerProcess> servers, int count, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var submit = Submit();
        var failures = 0;
        var next = 0L;
        async Task WorkerAsync()
        {
            while (_submitted.Count < count && Volatile.Read(ref failures) < 20 && clock.Elapsed < TimeSpan.FromMinutes(2))
            {
                var server = servers[(int)(Interlocked.Increment(ref next) % servers.Count)];
                using var content = new ByteArrayContent(submit.Body(-2));
                content.Headers.ContentType = new("application/json");
                using var response = await http.PostAsync(server.MessagesUrl, content, cancellationToken);
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                if (response.IsSuccessStatusCode && submit.Accepts(body))
                {
                    Observe(body);
                }
                else
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(WorkerAsync, cancellationToken)));
        if (_submitted.IsEmpty)
        {
            throw new InvalidOperationException($"Could not submit any referral for accept; see {servers[0].LogPath}.");
        }

        if (_submitted.Count < count)
        {
            Console.Error.WriteLine($"[bench] only {_submitted.Count} of {count} referrals submitted for accept within the time bound");
        }
    }

    private static JsonObject SubmitData(long sequence) => new()
    {
        ["projectId"] = Scenario.ProjectId,
        ["requestId"] = "bench-" + Guid.NewGuid().ToString("N"),
        ["firstName"] = "Amina",
        ["languages"] = "ar,da",
        ["area"] = "Bøgeparken",
        ["contactChannel"] = "ThroughReferrer",
        ["bestTime"] = "Morning",
        ["phone"] = "",
        ["needs"] = sequence % 2 == 0 ? "Children,Network" : "Language",
        ["note"] = "Hun kommer hver morgen med sin søn.",
        ["consentGivenBy"] = "Herself",
        ["consentMethod"] = "Verbal",
        // The form's own maximum is today in Copenhagen; yesterday is valid wherever the machine's clock sits.
        ["consentDate"] = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["consentLanguage"] = "ar",
        ["consentConfirmed"] = "true",
    };

    private JsonObject AcceptData() => new()
    {
        ["projectId"] = Scenario.ProjectId,
        // An empty pool sends an id no referral has: the answer is then an error card, counted as an error.
        ["referralId"] = _submitted.TryDequeue(out var id) ? id : Miss(),
    };

    private string Miss()
    {
        Interlocked.Increment(ref _poolMisses);
        return "r0000000000000000";
    }

    private JsonObject RespondData()
    {
        var n = Interlocked.Increment(ref _answers);
        var sessions = _sessions.Count == 0 ? ["none"] : _sessions;
        var sessionId = sessions[(int)(n % sessions.Count)];
        var data = new JsonObject
        {
            ["projectId"] = Scenario.ProjectId,
            ["sessionId"] = sessionId,
            ["rsvp"] = (n / sessions.Count) % 2 == 0 ? "Declined" : "Accepted",
        };
        if (_sessionVersions.TryGetValue(sessionId, out var version))
        {
            data["version"] = version;
        }

        return data;
    }

    [GeneratedRegex("\"referralId\"\\s*:\\s*\"([A-Za-z0-9]+)\"")]
    private static partial Regex ReferralIdPattern();

    [GeneratedRegex("\"sessionId\"\\s*:\\s*\"([A-Za-z0-9_-]+)\"")]
    private static partial Regex SessionIdPattern();

    [GeneratedRegex("\"cohortId\"\\s*:\\s*\"([A-Za-z0-9_-]+)\"")]
    private static partial Regex CohortIdPattern();

}
