using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Administration;
using PartnerHub.Api.Course;
using PartnerHub.Api.Outreach;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Referrals;
using PartnerHub.Api.Reporting;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Supervision;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Course;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Outreach;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;
using PartnerHub.Core.Supervision;
using PartnerHub.Tests.Shared;

namespace PartnerHub.Api.Tests.Privacy;

[CollectionDefinition(Name)]
public sealed class AccessMatrixHosts : ICollectionFixture<MatrixWorld>
{
    public const string Name = "access matrix";
}

/// <summary>
/// Two projects, A and B, each with a coordinator, a neighbourhood mother, partner staff, a teacher and data in every
/// feature (a referral assigned to the mother and referred onward, a supervision session, a course cohort with a
/// participant and a confirmed teacher booking, an outreach entry), seeded once through the real services. Two real
/// hosts share the tables, as two instances of one deployment would: <see cref="Bot"/> for /api/messages (Bot Framework
/// tokens) and <see cref="Rest"/> for everything else (real Entra validation). B's records carry marker words, so an
/// answer to someone of A can be searched for anything of B.
/// </summary>
public sealed class MatrixWorld : IAsyncLifetime
{
    internal BotHost Bot { get; } = new();

    internal RestHost Rest { get; private set; } = null!;

    internal MatrixProject A { get; } = new("mxa" + UniqueIds.Next(8), "Aurora");

    internal MatrixProject B { get; } = new("mxb" + UniqueIds.Next(8), "Zinnober");

    /// <summary>A person with the app role PartnerHub.Admin and no project.</summary>
    public string AdministratorId { get; } = Guid.NewGuid().ToString();

    /// <summary>Programme lead of project A only.</summary>
    public string ProgrammeLeadId { get; } = Guid.NewGuid().ToString();

    /// <summary>Someone of the tenant in no project.</summary>
    public string NewcomerId { get; } = Guid.NewGuid().ToString();

    public async Task InitializeAsync()
    {
        await new AzuriteFixture().InitializeAsync();
        _ = Bot.Services; // starts the host, which creates the tables
        Rest = new RestHost(settings: new Dictionary<string, string?>
        {
            ["Storage:TablePrefix"] = Bot.TablePrefix,
            ["Outbox:Enabled"] = "false",
            ["Retention:Enabled"] = "false",
        });
        _ = Rest.Services;
        await SeedAsync(A);
        await SeedAsync(B);
        await Get<ProgrammeLeadStore>().WriteAsync(new ProgrammeLead(BotHost.TenantId, ProgrammeLeadId, "Miriam", [A.Id]), null, AdministratorId, CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        Rest.Dispose();
        Bot.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>One Entra token per person and kind for the whole run: signing one per request was most of a row's time.</summary>
    internal string TokenFor(string objectId, bool administrator = false) =>
        _tokens.GetOrAdd((objectId, administrator), key => key.Administrator
            ? Rest.TokenFor(key.ObjectId, roles: [AdministrationRegistration.AdminAppRole])
            : Rest.TokenFor(key.ObjectId));

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string ObjectId, bool Administrator), string> _tokens = new();

    internal T Get<T>()
        where T : notnull => Bot.Services.GetRequiredService<T>();

    /// <summary>Every row of every table whose keys or values name <paramref name="projectId"/> (test-only scan), audit apart.</summary>
    internal async Task<SortedSet<string>> RowsNamingAsync(string projectId)
    {
        var rows = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var name in TableNames.All.Where(n => n != TableNames.Audit))
        {
            await foreach (var row in Bot.Tables.Table(name).QueryAsync<TableEntity>())
            {
                var text = name + "|" + row.PartitionKey + "|" + row.RowKey + "|" + row.ETag + "|" + string.Join(";", row.Where(p => p.Key is not ("odata.etag" or "Timestamp")).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));
                if (text.Contains(projectId, StringComparison.Ordinal))
                {
                    rows.Add(text);
                }
            }
        }

        return rows;
    }

    /// <summary>Audit rows naming <paramref name="projectId"/> that record an allowed read or change.</summary>
    internal async Task<int> AllowedAuditRowsAsync(string projectId)
    {
        var count = 0;
        await foreach (var row in Bot.Tables.Table(TableNames.Audit).QueryAsync<TableEntity>())
        {
            if (row.PartitionKey.StartsWith(projectId + "|", StringComparison.Ordinal) && row.GetBoolean("Allowed") == true)
            {
                count++;
            }
        }

        return count;
    }

    private async Task SeedAsync(MatrixProject p)
    {
        await Get<ProjectStore>().UpsertAsync(new Project(p.Id, "Bydelsmødre " + p.Marker, "Testby Kommune", "Beboerhuset") { TenantId = BotHost.TenantId, Areas = ["Nord"], Language = Languages.Danish }, CancellationToken.None);
        var directory = Get<DirectoryStore>();
        await directory.UpsertOrganisationAsync(new Organisation("solsikken", p.Id, OrganisationKind.Kindergarten, "Børnehuset " + p.Marker, false), CancellationToken.None);
        await directory.UpsertOrganisationAsync(new Organisation("familieafdelingen", p.Id, OrganisationKind.SocialServices, "Familieafdelingen " + p.Marker, true), CancellationToken.None);
        foreach (var member in p.Members)
        {
            await directory.UpsertMemberAsync(BotHost.TenantId, member, CancellationToken.None);
        }

        await SeedReferralAsync(p);
        await SeedSessionAsync(p);
        await SeedCourseAsync(p);
        var entry = new OutreachEntry(OutreachIds.New(), p.Id, p.MotherId, CopenhagenTime.DateOf(DateTimeOffset.UtcNow), OutreachKind.HomeVisit, 1, [], [], DateTimeOffset.UtcNow);
        p.OutreachId = (await Get<OutreachStore>().LogAsync(entry, "seed-" + p.Id, CancellationToken.None)).Entry.Id;
    }

    private async Task SeedReferralAsync(MatrixProject p)
    {
        var today = CopenhagenTime.DateOf(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var service = Get<ReferralService>();
        var submitted = await service.SubmitAsync(p.Partner, new ReferralFormInput
        {
            FirstNameOrInitials = p.Marker,
            Languages = "ar,da",
            Area = "Nord",
            ContactChannel = nameof(ContactChannel.AtProjectPlace),
            BestTime = nameof(ContactTime.Morning),
            Needs = "Health,Network",
            Note = "Note " + p.Marker,
            ConsentGivenBy = nameof(ConsentGivenBy.Herself),
            ConsentMethod = nameof(ConsentMethod.Verbal),
            ConsentDate = today,
            ConsentLanguage = "ar",
            ConsentConfirmed = "true",
        }, "seed-" + p.Id, null, CancellationToken.None);
        var referral = submitted.Referral ?? throw new InvalidOperationException("Seed referral invalid: " + string.Join(", ", submitted.Errors));
        var accepted = await service.ChangeAsync(p.Coordinator, referral.Referral.Id, referral.Version, new AcceptReferral(), null, CancellationToken.None);
        var assigned = await service.ChangeAsync(p.Coordinator, referral.Referral.Id, accepted.Current!.Version, new AssignReferral(p.MotherId), null, CancellationToken.None);
        Assert.Equal(ChangeOutcome.Changed, assigned.Outcome);
        p.ReferralId = referral.Referral.Id;
        var onward = await Get<OnwardService>().SendRequestAsync(p.Coordinator, p.ReferralId, "familieafdelingen", "Health", "seed-onward-" + p.Id, CancellationToken.None);
        p.OnwardId = onward.Onward?.Onward.Id ?? throw new InvalidOperationException("Seed onward referral refused: " + onward.Outcome);
    }

    private async Task SeedSessionAsync(MatrixProject p)
    {
        var date = CopenhagenTime.DateOf(DateTimeOffset.UtcNow).AddDays(5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var created = await Get<SessionService>().CreateAsync(p.Coordinator, new SessionFormInput
        {
            Kind = nameof(SessionKind.Supervision),
            Title = "Møde " + p.Marker,
            Date = date,
            StartTime = "14:00",
            EndTime = "16:00",
            Invitees = p.MotherId + "," + p.PartnerId,
        }, "seed-session-" + p.Id, null, CancellationToken.None);
        p.SessionId = created.Session?.Session.Id ?? throw new InvalidOperationException("Seed session invalid: " + string.Join(", ", created.Errors));
    }

    /// <summary>A Tuesday two to three weeks ahead: a cohort may start no further out than the course's rules allow.</summary>
    private static string NextTuesday()
    {
        var day = CopenhagenTime.DateOf(DateTimeOffset.UtcNow).AddDays(14);
        while (day.DayOfWeek != DayOfWeek.Tuesday)
        {
            day = day.AddDays(1);
        }

        return day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private async Task SeedCourseAsync(MatrixProject p)
    {
        var courses = Get<CourseService>();
        var created = await courses.CreateAsync(p.Coordinator, new CohortFormInput
        {
            Name = "Hold " + p.Marker,
            StartDate = NextTuesday(),
            Weekday = "Tuesday",
            StartTime = "17:00",
            EndTime = "19:00",
            Place = "Kvindecenteret",
            Weeks = "4",
        }, "seed-cohort-" + p.Id, CancellationToken.None);
        var cohort = created.Current ?? throw new InvalidOperationException("Seed cohort invalid: " + string.Join(", ", created.Errors));
        p.CohortId = cohort.Cohort.Id;
        p.CourseSessionId = cohort.Cohort.Plan.Sessions[0].Id;
        var added = await courses.AddParticipantAsync(p.Coordinator, p.CohortId, cohort.Cohort.Version, new ParticipantInput("Deltager " + p.Marker, null), null, CancellationToken.None);
        p.ParticipantId = added.Current!.Cohort.Participants[0].Id;
        var bookings = Get<CourseBookingService>();
        var requested = await bookings.RequestAsync(p.Coordinator, p.CohortId, new BookingRequestInput(p.CourseSessionId, p.TeacherId, null), "seed-booking-" + p.Id, CancellationToken.None);
        var booking = requested.Current ?? throw new InvalidOperationException("Seed booking refused: " + requested.Outcome);
        var confirmed = await bookings.AcceptAsync(p.Teacher, p.CohortId, booking.Booking.Id, booking.Booking.Version, null, CancellationToken.None);
        Assert.Equal(ChangeOutcome.Changed, confirmed.Outcome);
        p.BookingId = booking.Booking.Id;
    }
}

/// <summary>One seeded project: its people (fresh object ids) and the ids of its records.</summary>
internal sealed class MatrixProject(string id, string marker)
{
    public string Id { get; } = id;

    /// <summary>A word in the project's names and titles, found nowhere else.</summary>
    public string Marker { get; } = marker;

    public string CoordinatorId { get; } = Guid.NewGuid().ToString();

    public string MotherId { get; } = Guid.NewGuid().ToString();

    public string PartnerId { get; } = Guid.NewGuid().ToString();

    public string TeacherId { get; } = Guid.NewGuid().ToString();

    /// <summary>A partner staff member the directory actions may change or remove.</summary>
    public string SpareId { get; } = Guid.NewGuid().ToString();

    public string ReferralId { get; set; } = "";

    public string OnwardId { get; set; } = "";

    public string SessionId { get; set; } = "";

    public string CohortId { get; set; } = "";

    public string CourseSessionId { get; set; } = "";

    public string ParticipantId { get; set; } = "";

    public string BookingId { get; set; } = "";

    public string OutreachId { get; set; } = "";

    /// <summary>An Outlook event id of the coordinator's (no such event exists; the routes only need one).</summary>
    public string EventId { get; } = "AAMkAG" + Guid.NewGuid().ToString("N");

    public Actor Coordinator => new(CoordinatorId, Id, ProjectRole.Coordinator, null);

    public Actor Partner => new(PartnerId, Id, ProjectRole.PartnerStaff, "familieafdelingen");

    public Actor Teacher => new(TeacherId, Id, ProjectRole.Teacher, null);

    public IEnumerable<ProjectMember> Members =>
    [
        new(CoordinatorId, Id, ProjectRole.Coordinator, null, "Koordinator" + Marker),
        new(MotherId, Id, ProjectRole.NeighbourhoodMother, null, "Mor" + Marker),
        new(PartnerId, Id, ProjectRole.PartnerStaff, "familieafdelingen", "Partner" + Marker),
        new(TeacherId, Id, ProjectRole.Teacher, null, "Underviser" + Marker),
        new(SpareId, Id, ProjectRole.PartnerStaff, "solsikken", "Ekstra" + Marker),
    ];

    /// <summary>Every id of this project's records, for searching answers given to someone of the other project.</summary>
    public IEnumerable<string> Secrets => [Marker, ReferralId, OnwardId, SessionId, CohortId, BookingId, ParticipantId, OutreachId, CoordinatorId, MotherId, PartnerId, TeacherId, SpareId];

    /// <summary>A route pattern filled with this project's ids.</summary>
    /// <param name="projectId">Another project's id in place of this one's (this project's records named in another project).</param>
    public string Fill(string pattern, string? objectId = null, string? projectId = null) => pattern
        .Replace("{projectId}", projectId ?? Id, StringComparison.Ordinal)
        .Replace("{referralId}", ReferralId, StringComparison.Ordinal)
        .Replace("{onwardId}", OnwardId, StringComparison.Ordinal)
        .Replace("{organisationId}", "solsikken", StringComparison.Ordinal)
        .Replace("{objectId}", objectId ?? SpareId, StringComparison.Ordinal)
        .Replace("{sessionId}", pattern.Contains("/courses/", StringComparison.Ordinal) ? CourseSessionId : SessionId, StringComparison.Ordinal)
        .Replace("{cohortId}", CohortId, StringComparison.Ordinal)
        .Replace("{bookingId}", BookingId, StringComparison.Ordinal)
        .Replace("{participantId}", ParticipantId, StringComparison.Ordinal)
        .Replace("{action}", "accept", StringComparison.Ordinal)
        .Replace("{eventId}", EventId, StringComparison.Ordinal)
        .Replace("{month}", CopenhagenTime.DateOf(DateTimeOffset.UtcNow).ToString("yyyy-MM", CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{entryId}", OutreachId, StringComparison.Ordinal)
        .Replace("{**path:file}", "addin/no-such-file.js", StringComparison.Ordinal);
}
