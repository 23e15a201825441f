using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Outreach;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Privacy.Subjects;
using PartnerHub.Api.Referrals;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Supervision;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Outreach;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Tests.Privacy.Subjects;

/// <summary>
/// Erasure on request through the real host and Azurite: a project seeded through the real services (referrals, one
/// referred on, a session, outreach), one woman and one person erased by REST. The report and its counters are the same
/// before and after; what was hers is nowhere in any table; her cards are updated through the outbox; all audited.
/// </summary>
/// <remarks>One host for the class (outbox off, so the notifications an erasure commits stay countable); each test seeds a project of its own.</remarks>
public sealed class SubjectErasureTests(RestHostWithoutOutboxFixture fixture) : IClassFixture<RestHostWithoutOutboxFixture>
{
    private RestHost Host => fixture.Host;

    [Fact]
    public async Task Erasing_a_woman_and_a_person_leaves_every_figure_as_it_was_and_their_data_nowhere()
    {
        var world = await SeedAsync();
        var report = await ReportAsync(world);
        var counters = await RowsAsync(world.ProjectId, "report-month|");
        var cardUpdates = await OutboxKindsAsync(world.ProjectId);

        var woman = await EraseAsync(world, $"referrals/{world.ReferralId}", await ReferralVersionAsync(world, world.ReferralId));
        var person = await EraseAsync(world, $"people/{world.MotherId}", await MemberVersionAsync(world, world.MotherId));

        Assert.Equal(HttpStatusCode.OK, woman.Status);
        Assert.Equal(1, Count(woman.Body, ReferralSubjectEraser.ReferralKind));
        Assert.Equal(1, Count(woman.Body, ReferralSubjectEraser.OnwardCardsKind));
        Assert.Equal(HttpStatusCode.OK, person.Status);
        Assert.Equal(1, Count(person.Body, DirectorySubjectEraser.MemberKind));
        Assert.Equal(1, Count(person.Body, SessionSubjectEraser.InvitationKind));
        // The answers name kinds and numbers only.
        Assert.DoesNotContain(world.ReferralId, woman.Body.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(world.MotherId, person.Body.ToJsonString(), StringComparison.Ordinal);

        // Anonymous counts and report figures: the same bytes.
        Assert.Equal(report, await ReportAsync(world));
        Assert.Equal(counters, await RowsAsync(world.ProjectId, "report-month|"));

        // Her name, phone and notes, the person's name and her place in the session: in no row of any table.
        var rows = await AllRowsAsync();
        foreach (var secret in new[] { world.WomanName, world.Phone, world.Note, world.MotherNotes, world.MotherName })
        {
            Assert.DoesNotContain(rows, row => row.Contains(secret, StringComparison.Ordinal));
        }

        Assert.DoesNotContain(await RowsAsync(world.ProjectId, SessionStore.Prefix), row => row.Contains(world.MotherId, StringComparison.Ordinal));
        Assert.Empty(await RowsAsync(world.ProjectId, SessionStore.InviteeIndex(world.MotherId)));

        // The other woman is untouched; the erased one keeps her state (still assigned, still counted).
        var kept = await Host.Services.GetRequiredService<ReferralStore>().FindAsync(world.ProjectId, world.OtherReferralId, CancellationToken.None);
        Assert.NotNull(kept!.Referral.Person);
        var erased = await Host.Services.GetRequiredService<ReferralStore>().FindAsync(world.ProjectId, world.ReferralId, CancellationToken.None);
        Assert.Equal(ReferralState.Assigned, erased!.Referral.State);
        Assert.NotNull(erased.Referral.ErasedAt);

        // Every card showing her is updated through the outbox: the referral's and its onward referral's.
        var after = await OutboxKindsAsync(world.ProjectId);
        Assert.Equal(cardUpdates.GetValueOrDefault(ReferralNotifications.UpdateCardsKind) + 1, after.GetValueOrDefault(ReferralNotifications.UpdateCardsKind));
        Assert.Equal(cardUpdates.GetValueOrDefault(OnwardNotifications.UpdateCardsKind) + 1, after.GetValueOrDefault(OnwardNotifications.UpdateCardsKind));
        Assert.Equal(cardUpdates.GetValueOrDefault(SessionNotifications.UpdateCards) + 1, after.GetValueOrDefault(SessionNotifications.UpdateCards));

        // Audited, by whom and about which record.
        var audit = await AuditAsync(world);
        Assert.Contains(audit, e => e is { Action: SubjectErasure.AuditAction, RecordType: "referral", Allowed: true } && e.RecordId == world.ReferralId && e.Actor == world.CoordinatorId);
        Assert.Contains(audit, e => e is { Action: SubjectErasure.AuditAction, RecordType: "directory", Allowed: true } && e.RecordId == "member|" + world.MotherId);

        // Sent again (the same request, or one that stopped half-way): nothing is left, nothing changes, 200.
        var tables = await RowsAsync(world.ProjectId, "");
        var again = await EraseAsync(world, $"referrals/{world.ReferralId}", await ReferralVersionAsync(world, world.ReferralId));
        var againPerson = await EraseAsync(world, $"people/{world.MotherId}", "W/\"an-old-version\"");
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Empty(again.Body["erased"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, againPerson.Status);
        Assert.Empty(againPerson.Body["erased"]!.AsArray());
        Assert.Equal(tables, await RowsAsync(world.ProjectId, ""));
    }

    [Fact]
    public async Task Only_the_projects_coordinator_may_erase_and_anyone_else_is_refused_before_anything_is_read()
    {
        var world = await SeedAsync();
        var other = await SeedAsync();
        var version = await ReferralVersionAsync(world, world.ReferralId);
        foreach (var path in new[] { $"referrals/{world.ReferralId}", $"people/{world.PartnerId}" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await EraseAsync(world, path, version, token: null)).Status);
            Assert.Equal(HttpStatusCode.Unauthorized, (await EraseAsync(world, path, version, token: Host.TokenFor(world.CoordinatorId, audience: "api://someone-else"))).Status);
            foreach (var refused in new[] { world.MotherId, world.PartnerId, other.CoordinatorId })
            {
                var answer = await EraseAsync(world, path, version, token: Host.TokenFor(refused));
                Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
            }
        }

        var kept = await Host.Services.GetRequiredService<ReferralStore>().FindAsync(world.ProjectId, world.ReferralId, CancellationToken.None);
        Assert.NotNull(kept!.Referral.Person);
        Assert.Equal(world.PartnerName, (await Host.Services.GetRequiredService<DirectoryStore>().FindMemberAsync(world.ProjectId, world.PartnerId, CancellationToken.None))!.FirstName);
    }

    [Fact]
    public async Task Unknown_ids_are_a_404_problem_a_missing_If_Match_428_and_a_stale_one_412_and_none_erases_anything()
    {
        var world = await SeedAsync();
        var other = await SeedAsync();
        var version = await ReferralVersionAsync(world, world.ReferralId);
        var before = await RowsAsync(world.ProjectId, "");
        foreach (var path in new[] { "referrals/aaaaaaaaaaaaaaaa", "referrals/not%20an%20id", $"referrals/{other.ReferralId}", $"people/{Guid.NewGuid()}", "people/%27%20or%201%20eq%201", $"people/{other.MotherId}" })
        {
            var answer = await EraseAsync(world, path, version);
            Assert.Equal(HttpStatusCode.NotFound, answer.Status);
            Assert.Equal("application/problem+json", answer.MediaType);
        }

        var missing = await EraseAsync(world, $"referrals/{world.ReferralId}", ifMatch: null);
        Assert.Equal((HttpStatusCode)428, missing.Status);
        Assert.Equal("application/problem+json", missing.MediaType);
        var stale = await EraseAsync(world, $"referrals/{world.ReferralId}", "W/\"datetime'2000-01-01T00%3A00%3A00.0000000Z'\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.Status);
        Assert.Equal(version, stale.ETag);
        var stalePerson = await EraseAsync(world, $"people/{world.MotherId}", version);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stalePerson.Status);

        // Nothing of hers, the person's or anyone's was written; refusals of an id are audited without it.
        Assert.Equal(before, await RowsAsync(world.ProjectId, ""));
        Assert.Contains(await AuditAsync(world), e => e is { Action: SubjectErasure.AuditAction, Allowed: false, RecordId: "invalid" });
        Assert.Contains(await AuditAsync(world), e => e is { Action: SubjectErasure.AuditAction, Allowed: false } && e.RecordId == other.ReferralId);
    }

    private sealed record Answer(HttpStatusCode Status, JsonObject Body, string? MediaType, string? ETag);

    private async Task<Answer> EraseAsync(World world, string path, string? ifMatch, string? token = "coordinator")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/projects/{world.ProjectId}/privacy/{path}/erasure");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token == "coordinator" ? Host.TokenFor(world.CoordinatorId) : token);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        using var response = await Host.CreateClient().SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length > 0 && JsonNode.Parse(text) is JsonObject json ? json : [];
        return new Answer(response.StatusCode, body, response.Content.Headers.ContentType?.MediaType, response.Headers.ETag?.ToString());
    }

    private static int Count(JsonObject body, string kind) =>
        body["erased"]!.AsArray().Where(e => (string?)e!["kind"] == kind).Select(e => (int)e!["count"]!).SingleOrDefault();

    private async Task<string> ReportAsync(World world)
    {
        var period = DateTimeOffset.UtcNow.Year.ToString(CultureInfo.InvariantCulture);
        using var response = await Host.GetAsync($"/api/projects/{world.ProjectId}/report?period={period}", Host.TokenFor(world.CoordinatorId));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Byte for byte but for the moment it was made.
        var text = await response.Content.ReadAsStringAsync();
        var madeAt = (string?)JsonNode.Parse(text)!["madeAt"];
        Assert.NotNull(madeAt);
        return text.Replace(madeAt, "made-at", StringComparison.Ordinal);
    }

    private async Task<string> ReferralVersionAsync(World world, string referralId) =>
        (await Host.Services.GetRequiredService<ReferralStore>().FindAsync(world.ProjectId, referralId, CancellationToken.None))!.Version;

    private async Task<string> MemberVersionAsync(World world, string objectId) =>
        (await Host.Services.GetRequiredService<DirectoryStore>().FindStoredMemberAsync(world.ProjectId, objectId, CancellationToken.None))!.ETag.ToString();

    /// <summary>The project's rows under a key prefix (all of them for ""), keys and values as text (the ETag apart: a rewrite with the same values is no change to her data).</summary>
    private async Task<List<string>> RowsAsync(string projectId, string prefix)
    {
        var rows = new List<string>();
        var filter = prefix.Length == 0 ? TableClient.CreateQueryFilter($"PartitionKey eq {projectId}") : TableQueries.Prefix(projectId, prefix);
        await foreach (var row in Host.Tables.Table(TableNames.Main).QueryAsync<TableEntity>(filter))
        {
            rows.Add(Text(row));
        }

        return rows;
    }

    /// <summary>Every row of every table the host writes (test-only scan), for the seeded values.</summary>
    private async Task<List<string>> AllRowsAsync()
    {
        var rows = new List<string>();
        foreach (var name in TableNames.All)
        {
            rows.AddRange((await TableRows.AllAsync(Host.Tables.Table(name))).Select(Text));
        }

        return rows;
    }

    private static string Text(TableEntity row) =>
        row.PartitionKey + "|" + row.RowKey + "|" + string.Join(";", row.Where(p => p.Key is not ("odata.etag" or "Timestamp")).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));

    private async Task<Dictionary<string, int>> OutboxKindsAsync(string projectId)
    {
        var kinds = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var row in Host.Tables.Table(TableNames.Main).QueryAsync<TableEntity>(TableQueries.Prefix(projectId, "outbox|")))
        {
            var kind = row.GetString("Kind") ?? "";
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
        }

        return kinds;
    }

    private async Task<List<AuditEntry>> AuditAsync(World world)
    {
        var entries = new List<AuditEntry>();
        var now = DateTimeOffset.UtcNow;
        await foreach (var entry in Host.Services.GetRequiredService<AuditLog>().ReadAsync(world.ProjectId, new AuditQuery(now.AddDays(-1), now.AddDays(1)), CancellationToken.None))
        {
            entries.Add(entry);
        }

        return entries;
    }

    /// <summary>A project of its own, seeded through the real services: two referrals (one assigned and referred on), a session, outreach.</summary>
    private async Task<World> SeedAsync()
    {
        var w = new World(RestHostFixture.NewProjectId("erase"));
        await Host.Projects.UpsertAsync(new Project(w.ProjectId, "Bydelsmødre", "Testby Kommune", "Beboerhuset") { TenantId = RestHost.TenantId, Areas = ["Nord"], Language = Languages.Danish }, CancellationToken.None);
        var directory = Host.Services.GetRequiredService<DirectoryStore>();
        await directory.UpsertOrganisationAsync(new Organisation("familieafdelingen", w.ProjectId, OrganisationKind.SocialServices, "Familieafdelingen", true), CancellationToken.None);
        foreach (var member in w.Members)
        {
            await directory.UpsertMemberAsync(RestHost.TenantId, member, CancellationToken.None);
        }

        var referrals = Host.Services.GetRequiredService<ReferralService>();
        w.ReferralId = await ReferAsync(referrals, w, w.WomanName, w.Phone, w.Note);
        w.OtherReferralId = await ReferAsync(referrals, w, "Karin", "23456789", "Anden henvisning");
        var accepted = await referrals.ChangeAsync(w.Coordinator, w.ReferralId, null, new AcceptReferral(), null, CancellationToken.None);
        var assigned = await referrals.ChangeAsync(w.Coordinator, w.ReferralId, accepted.Current!.Version, new AssignReferral(w.MotherId), null, CancellationToken.None);
        var noted = await referrals.ChangeAsync(w.Mother, w.ReferralId, assigned.Current!.Version, new EditMotherNotes(w.MotherNotes), null, CancellationToken.None);
        Assert.Equal(ChangeOutcome.Changed, noted.Outcome);
        var onward = await Host.Services.GetRequiredService<OnwardService>().SendRequestAsync(w.Coordinator, w.ReferralId, "familieafdelingen", "Health", "onward-" + w.ProjectId, CancellationToken.None);
        Assert.NotNull(onward.Onward);

        var session = await Host.Services.GetRequiredService<SessionService>().CreateAsync(w.Coordinator, new SessionFormInput
        {
            Kind = nameof(SessionKind.Supervision),
            Title = "Supervision",
            Date = CopenhagenTime.DateOf(DateTimeOffset.UtcNow).AddDays(5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            StartTime = "14:00",
            EndTime = "16:00",
            Invitees = w.MotherId + "," + w.PartnerId,
        }, "session-" + w.ProjectId, null, CancellationToken.None);
        Assert.NotNull(session.Session);
        var entry = new OutreachEntry(OutreachIds.New(), w.ProjectId, w.MotherId, CopenhagenTime.DateOf(DateTimeOffset.UtcNow), OutreachKind.HomeVisit, 2, [], [], DateTimeOffset.UtcNow);
        await Host.Services.GetRequiredService<OutreachStore>().LogAsync(entry, "outreach-" + w.ProjectId, CancellationToken.None);
        return w;
    }

    private static async Task<string> ReferAsync(ReferralService referrals, World w, string name, string phone, string note)
    {
        var submitted = await referrals.SubmitAsync(w.Partner, new ReferralFormInput
        {
            FirstNameOrInitials = name,
            Languages = "ar,da",
            Area = "Nord",
            ContactChannel = nameof(ContactChannel.Phone),
            PhoneNumber = phone,
            BestTime = nameof(ContactTime.Morning),
            Needs = "Health,Network",
            Note = note,
            ConsentGivenBy = nameof(ConsentGivenBy.Herself),
            ConsentMethod = nameof(ConsentMethod.Verbal),
            ConsentDate = CopenhagenTime.DateOf(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ConsentLanguage = "ar",
            ConsentConfirmed = "true",
        }, Guid.NewGuid().ToString("N"), null, CancellationToken.None);
        return submitted.Referral?.Referral.Id ?? throw new InvalidOperationException("Seed referral invalid: " + string.Join(", ", submitted.Errors));
    }

    /// <summary>One test's project: its people and the values only its woman and person have.</summary>
    private sealed class World(string projectId)
    {
        private static readonly Random Random = new();

        public string ProjectId { get; } = projectId;

        public string CoordinatorId { get; } = Guid.NewGuid().ToString();

        public string MotherId { get; } = Guid.NewGuid().ToString();

        public string PartnerId { get; } = Guid.NewGuid().ToString();

        public string WomanName { get; } = "Ysolde" + Letters();

        public string MotherName { get; } = "Mirjam" + Letters();

        public string PartnerName { get; } = "Petra" + Letters();

        public string Phone { get; } = "2" + Random.Next(1000000, 9999999).ToString(CultureInfo.InvariantCulture);

        public string Note { get; } = "Henviserens note " + Letters();

        public string MotherNotes { get; } = "Nabomorens noter " + Letters();

        public string ReferralId { get; set; } = "";

        public string OtherReferralId { get; set; } = "";

        public Actor Coordinator => new(CoordinatorId, ProjectId, ProjectRole.Coordinator, null);

        public Actor Mother => new(MotherId, ProjectId, ProjectRole.NeighbourhoodMother, null);

        public Actor Partner => new(PartnerId, ProjectId, ProjectRole.PartnerStaff, "familieafdelingen");

        public IEnumerable<ProjectMember> Members =>
        [
            new(CoordinatorId, ProjectId, ProjectRole.Coordinator, null, "Koordinator"),
            new(MotherId, ProjectId, ProjectRole.NeighbourhoodMother, null, MotherName),
            new(PartnerId, ProjectId, ProjectRole.PartnerStaff, "familieafdelingen", PartnerName),
        ];

        private static string Letters() => new([.. Enumerable.Range(0, 8).Select(_ => (char)('a' + Random.Next(26)))]);
    }
}
