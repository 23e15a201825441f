using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Referrals;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;

namespace PartnerHub.Api.Tests.Dashboard.Referrals;

/// <summary>
/// One real host for the Henvisninger and Partnere pages' tests (Azurite, WireMock Entra, outbox dispatch off so the
/// card updates a change causes stay as rows to count). Each test makes its own project (<see cref="OwnProjectAsync"/>).
/// </summary>
public sealed class ReferralTabHost : IAsyncLifetime
{
    internal RestHost Host { get; } = new(settings: new Dictionary<string, string?> { ["Outbox:Enabled"] = "false" });

    public T Get<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    public Task InitializeAsync() => new AzuriteFixture().InitializeAsync();

    public Task DisposeAsync()
    {
        Host.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>
    /// A project of its own: coordinator Camilla, mothers Fatima and Samira, kindergarten teacher Birgitte of
    /// Børnehuset, the school, and the family department that takes onward referrals; areas Bøgeparken and Egeparken.
    /// </summary>
    internal async Task<OwnProject> OwnProjectAsync()
    {
        var own = new OwnProject("hv" + Guid.NewGuid().ToString("N")[..10], Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        await Get<ProjectStore>().UpsertAsync(
            new Project(own.ProjectId, "Bydelsmødre " + own.ProjectId, "Odense", "Beboerhuset") { TenantId = RestHost.TenantId, Areas = ["Bøgeparken", "Egeparken"] },
            CancellationToken.None);
        var directory = Get<DirectoryStore>();
        await directory.UpsertOrganisationAsync(new Organisation("boernehuset", own.ProjectId, OrganisationKind.Kindergarten, "Børnehuset", false), CancellationToken.None);
        await directory.UpsertOrganisationAsync(new Organisation("skolen", own.ProjectId, OrganisationKind.School, "Skolen", false), CancellationToken.None);
        await directory.UpsertOrganisationAsync(new Organisation("familieafdelingen", own.ProjectId, OrganisationKind.SocialServices, "Familieafdelingen", true), CancellationToken.None);
        await directory.UpsertMemberAsync(RestHost.TenantId, new ProjectMember(own.CoordinatorId, own.ProjectId, ProjectRole.Coordinator, null, "Camilla"), CancellationToken.None);
        await directory.UpsertMemberAsync(RestHost.TenantId, new ProjectMember(own.MotherId, own.ProjectId, ProjectRole.NeighbourhoodMother, null, "Fatima"), CancellationToken.None);
        await directory.UpsertMemberAsync(RestHost.TenantId, new ProjectMember(own.OtherMotherId, own.ProjectId, ProjectRole.NeighbourhoodMother, null, "Samira"), CancellationToken.None);
        await directory.UpsertMemberAsync(RestHost.TenantId, new ProjectMember(own.TeacherId, own.ProjectId, ProjectRole.PartnerStaff, "boernehuset", "Birgitte"), CancellationToken.None);
        await directory.UpsertMemberAsync(RestHost.TenantId, new ProjectMember(own.SchoolStaffId, own.ProjectId, ProjectRole.PartnerStaff, "skolen", "Jonas"), CancellationToken.None);
        return own;
    }

    /// <summary>
    /// A referral submitted through the service by the kindergarten (or the school), then moved back in the store by
    /// <paramref name="daysAgo"/>, as time would have moved it.
    /// </summary>
    internal async Task<StoredReferral> ReferAsync(OwnProject own, string name, string area, NeedCategories needs, int daysAgo, bool fromSchool = false)
    {
        var referrer = fromSchool ? own.SchoolStaff : own.Teacher;
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var submitted = await Get<ReferralService>().SubmitAsync(referrer, new ReferralFormInput
        {
            FirstNameOrInitials = name,
            Languages = "ar,da",
            Area = area,
            ContactChannel = nameof(ContactChannel.ThroughReferrer),
            BestTime = nameof(ContactTime.Morning),
            Needs = needs.ToString(),
            ConsentGivenBy = nameof(ConsentGivenBy.Herself),
            ConsentMethod = nameof(ConsentMethod.Verbal),
            ConsentDate = today,
            ConsentLanguage = "ar",
            ConsentConfirmed = "true",
        }, Guid.NewGuid().ToString("N"), null, CancellationToken.None);
        var stored = submitted.Referral ?? throw new InvalidOperationException("Seed referral invalid: " + string.Join(", ", submitted.Errors));
        if (daysAgo == 0)
        {
            return stored;
        }

        var at = stored.Referral.SubmittedAt.AddDays(-daysAgo);
        var moved = stored.Referral with { SubmittedAt = at, History = [.. stored.Referral.History.Select(e => e with { At = at })] };
        return await Get<ReferralStore>().UpdateAsync(stored, moved, "backdate|" + stored.Referral.Id, [], CancellationToken.None);
    }

    /// <summary>The outbox rows of one kind in the project still waiting for dispatch (dispatch is off on this host).</summary>
    internal async Task<IReadOnlyList<string>> PendingPayloadsAsync(string projectId, string kind)
    {
        var rows = new List<string>();
        await foreach (var row in Get<TableStore>().Table(TableNames.Main).QueryAsync<TableEntity>(TableQueries.Prefix(projectId, OutboxKeys.Prefix)))
        {
            if (row.GetString(OutboxKeys.Kind) == kind)
            {
                rows.Add(row.GetString(OutboxKeys.Payload));
            }
        }

        return rows;
    }

    internal sealed record OwnProject(string ProjectId, string CoordinatorId, string MotherId, string OtherMotherId, string TeacherId, string SchoolStaffId)
    {
        public Actor Coordinator => new(CoordinatorId, ProjectId, ProjectRole.Coordinator, null);

        public Actor Teacher => new(TeacherId, ProjectId, ProjectRole.PartnerStaff, "boernehuset");

        public Actor SchoolStaff => new(SchoolStaffId, ProjectId, ProjectRole.PartnerStaff, "skolen");

        public Actor Mother => new(MotherId, ProjectId, ProjectRole.NeighbourhoodMother, null);
    }
}
