using System.Text.Json.Nodes;
using CsCheck;

namespace PartnerHub.Api.Tests.Fuzzing;

/// <summary>
/// CsCheck generators of what a hostile or broken client might send where PartnerHub expects a form's fields: wrong
/// types, huge and empty strings, unicode edge cases, nesting, and injection strings for OData filters, file paths
/// and card templates. Shared by the card-action and the REST fuzzing.
/// </summary>
internal static class HostileJson
{
    /// <summary>Stands for a lone surrogate in serialized text: System.Text.Json will not write one, so it is patched in.</summary>
    public const string LoneHigh = "~~lone-high~~";

    public const string LoneLow = "~~lone-low~~";

    public static readonly string[] Injections =
    [
        // OData filters: a key that ends up unescaped in a filter would widen the query.
        "' or 1 eq 1", "PartitionKey ne ''", "x' or PartitionKey ne 'x", "RowKey gt ''", "vollsmose' or '1' eq '1", "''", "'",
        // Paths: an id that ends up in a file or blob name.
        "../", "../../etc/passwd", "%2e%2e/", "%2e%2e%2f", "..%2f..%2f", "..\\..\\", "C:\\", "C:\\Windows\\win.ini", "\\\\server\\share",
        "/", "file:///etc/passwd", "con", "aux.txt",
        // Card templates: user text that a template engine evaluated would leak other data or break the card.
        "${strings.error.title}", "${$root}", "${json($root)}", "${if(true, 'a', 'b')}", "{{DATE(2026-01-01T00:00:00Z, SHORT)}}", "{{x}}",
        "$when", "${", "}", "$data", "${concat('a', 'b')}",
        // Markup and other interpreters.
        "<script>alert(1)</script>", "\"; --", "%00", "%", "|", "&", "#", "?", "*",
    ];

    public static readonly string[] Unicode =
    [
        LoneHigh, LoneLow, "a" + LoneHigh + "b", "\u202E", "abc\u202Edef", "\u200F", "\u200B", "\u200D", "\uFEFF", "e\u0301\u0301\u0301\u0301",
        "\u0000", "a\u0000b", "\u0007", "\u001B[31m", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "👩‍👩‍👧‍👦", "\u0085", "\u2028", "\r\n", "\t", " ", "   ", "Æøå Ødegård",
        "ﷺ", "\uFFFF", "\uFFFE", "مرحبا", "İı", "ß", "\u00A0",
    ];

    /// <summary>Values that are valid somewhere (the seeded project's ids, languages, dates), so payloads reach past the first check.</summary>
    public static readonly string[] Plausible =
    [
        "vollsmose", "da", "en", "Coordinator", "NeighbourhoodMother", "PartnerStaff", "Present", "Absent", "Excused", "accept", "decline",
        "2026-12-24", "2026-02-30", "2026-13-01", "0001-01-01", "9999-12-31", "24:00", "10:00", "23:59", "-1", "0", "1", "7", "99999999999999999999",
        "true", "false", "null", "W/\"datetime'2026-01-01'\"", "\"default\"", "*", "c0a1b2c3-0000-4000-8000-000000000001",
        "c0a1b2c3-0000-4000-8000-000000000003", "00000000-0000-0000-0000-000000000000", "solsikken", "familieafdelingen",
        "referral|x", "session|x", "Email", "Phone", "Verbal", "Written",
    ];

    /// <summary>Field names PartnerHub's cards and bodies use, so payloads hit real fields with wrong values.</summary>
    public static readonly string[] KnownFields =
    [
        "projectId", "referralId", "onwardId", "sessionId", "cohortId", "bookingId", "participantId", "objectId", "organisationId",
        "eventId", "requestId", "editedId", "motherId", "rowKey", "version", "etag", "language", "view", "reason", "attended", "rsvp",
        "outcome", "notes", "note", "name", "firstName", "kind", "role", "date", "otherWeekday", "teacher", "teacherId", "minutesText",
        "declineReason", "pageToken", "receivesOnwardReferrals", "excursionTheme", "excursionDate", "startDate", "startTime", "endTime",
        "weekday", "weeks", "place", "title", "agenda", "invitees", "online", "needs", "languages", "phone", "area", "contactChannel",
        "bestTime", "consentMethod", "consentLanguage", "consentGivenBy", "consentDate", "consentConfirmed", "women", "topics", "services",
        "organisation", "text", "order", "sessions", "marks", "themes", "hidden", "status", "action", "recipients", "mark-x", "teacher-x",
        "note-x", "date-x", "email", "displayName", "municipality", "coordinatorObjectId", "assignedTo", "transition",
    ];

    public static Gen<string> Strings { get; } = Gen.Frequency(
        (4, Gen.OneOf(Injections)),
        (4, Gen.OneOf(Unicode)),
        (4, Gen.OneOf(Plausible)),
        (3, Gen.Char.Array[0, 24].Select(chars => new string(chars))),
        (1, Gen.Const(string.Empty)),
        (1, Gen.Int[300, 5_000].Select(n => new string('x', n))),
        (1, Gen.Int[20_000, 120_000].Select(n => string.Concat(Enumerable.Repeat("Æ€" + LoneHigh, n / 16)))),
        (2, Gen.Select(Gen.OneOf(Plausible), Gen.OneOf(Injections), (a, b) => a + b)),
        (1, Gen.Guid.Select(g => g.ToString())));

    private static readonly Gen<JsonNode?> Scalars = Gen.Frequency(
        (10, Strings.Select(s => (JsonNode?)JsonValue.Create(s))),
        (2, Gen.Int.Select(n => (JsonNode?)JsonValue.Create(n))),
        (1, Gen.OneOf(long.MaxValue, long.MinValue, 0L, -1L).Select(n => (JsonNode?)JsonValue.Create(n))),
        (1, Gen.OneOf(1e308, -1e308, 5e-324, 0.1, -0.0).Select(n => (JsonNode?)JsonValue.Create(n))),
        (1, Gen.Decimal.Select(n => (JsonNode?)JsonValue.Create(n))),
        (2, Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))),
        (2, Gen.Const(0).Select(_ => (JsonNode?)null)));

    /// <summary>Any JSON value, nested up to three levels (objects and arrays where strings are expected).</summary>
    public static Gen<JsonNode?> Values { get; } = Nested(3);

    /// <summary>An object of known and unknown fields with hostile values: missing fields are the ones not drawn.</summary>
    public static Gen<JsonObject> Objects { get; } = ObjectOf(Values, 0, 8);

    /// <summary>Objects whose fields are the given names (a body shape's), each present or missing, with hostile values or extras.</summary>
    public static Gen<JsonObject> ObjectsShaped(IReadOnlyList<string> fields) =>
        Gen.Select(Gen.Bool.Array[fields.Count], Values.Array[fields.Count], Objects, (present, values, extra) =>
        {
            var result = new JsonObject();
            for (var i = 0; i < fields.Count; i++)
            {
                if (present[i])
                {
                    result[fields[i]] = values[i];
                }
            }

            foreach (var (name, value) in extra.ToList())
            {
                extra.Remove(name);
                result[name] = value;
            }

            return result;
        });

    /// <summary>The serialized form of a node, with the lone-surrogate markers written as raw escapes.</summary>
    public static string Serialize(JsonNode? node) =>
        (node?.ToJsonString() ?? "null").Replace(LoneHigh, "\\uD800", StringComparison.Ordinal).Replace(LoneLow, "\\uDC00", StringComparison.Ordinal);

    private static Gen<JsonObject> ObjectOf(Gen<JsonNode?> values, int min, int max) =>
        Gen.Select(Gen.Frequency((3, Gen.OneOf(KnownFields)), (1, Strings)).Array[min, max], values.Array[max], (names, vals) =>
        {
            var result = new JsonObject();
            for (var i = 0; i < names.Length; i++)
            {
                // Duplicate names collapse: the later value wins, as it would in most parsers.
                result[names[i]] = vals[i];
            }

            return result;
        });

    private static Gen<JsonNode?> Nested(int depth) => depth == 0
        ? Scalars
        : Gen.Frequency(
            (12, Scalars),
            (1, Nested(depth - 1).Array[0, 4].Select(items => (JsonNode?)new JsonArray(items))),
            (1, ObjectOf(Nested(depth - 1), 0, 4).Select(o => (JsonNode?)o)));
}
