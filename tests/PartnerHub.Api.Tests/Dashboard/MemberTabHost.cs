using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Referrals;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;

namespace PartnerHub.Api.Tests.Dashboard;

/// <summary>
/// One real host for the partner and mother pages' tests (Azurite, WireMock Entra, outbox dispatch off so nothing moves
/// under the assertions). Each test makes its own project with its own people (fresh object ids), so tests sharing the
/// host never see each other's memberships or referrals.
/// </summary>
public sealed class MemberTabHost : IAsyncLifetime
{
    public static readonly IReadOnlyList<string> Areas = ["Vollsmose Nord", "Vollsmose Syd"];

    internal RestHost Host { get; } = new(settings: new Dictionary<string, string?> { ["Outbox:Enabled"] = "false" });

    public T Get<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    public Task InitializeAsync() => new AzuriteFixture().InitializeAsync();

    public Task DisposeAsync()
    {
        Host.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A project with a coordinator, two mothers, a kindergarten teacher and a social worker (another organisation).</summary>
    internal async Task<ReferralProject> NewProjectAsync(string? language = null)
    {
        var project = new ReferralProject("rt" + Guid.NewGuid().ToString("N")[..10]);
        await Get<ProjectStore>().UpsertAsync(
            new Project(project.ProjectId, "Bydelsmødre " + project.ProjectId, "Odense", "Beboerhuset") { TenantId = RestHost.TenantId, Areas = Areas, Language = language ?? Languages.Danish },
            CancellationToken.None);
        var directory = Get<DirectoryStore>();
        await directory.UpsertOrganisationAsync(new Organisation("solsikken", project.ProjectId, OrganisationKind.Kindergarten, "Børnehuset Solsikken", false), CancellationToken.None);
        await directory.UpsertOrganisationAsync(new Organisation("familieafdelingen", project.ProjectId, OrganisationKind.SocialServices, "Familieafdelingen", true), CancellationToken.None);
        foreach (var member in project.Members)
        {
            await directory.UpsertMemberAsync(RestHost.TenantId, member, CancellationToken.None);
        }

        return project;
    }

    /// <summary>A referral as the form (card, REST or tab) sends it, through the service.</summary>
    internal async Task<StoredReferral> SubmitAsync(Actor referrer, string firstName, string? phone = null, string note = "Har en søn i børnehaven")
    {
        var today = CopenhagenTime.DateOf(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var result = await Get<ReferralService>().SubmitAsync(referrer, new ReferralFormInput
        {
            FirstNameOrInitials = firstName,
            Languages = "ar,da",
            Area = Areas[0],
            ContactChannel = phone is null ? nameof(ContactChannel.AtProjectPlace) : nameof(ContactChannel.Phone),
            BestTime = nameof(ContactTime.Morning),
            PhoneNumber = phone,
            Needs = "Health,Network",
            Note = note,
            ConsentGivenBy = nameof(ConsentGivenBy.Herself),
            ConsentMethod = nameof(ConsentMethod.Verbal),
            ConsentDate = today,
            ConsentLanguage = "ar",
            ConsentConfirmed = "true",
        }, Guid.NewGuid().ToString("N"), null, CancellationToken.None);
        return result.Referral ?? throw new InvalidOperationException("Seed referral invalid: " + string.Join(", ", result.Errors));
    }

    /// <summary>Accepted and assigned to the mother by the coordinator, as on the triage card.</summary>
    internal async Task<StoredReferral> AssignAsync(ReferralProject project, StoredReferral referral, string motherId)
    {
        var service = Get<ReferralService>();
        var accepted = await service.ChangeAsync(project.Coordinator, referral.Referral.Id, referral.Version, new AcceptReferral(), null, CancellationToken.None);
        Assert.Equal(ChangeOutcome.Changed, accepted.Outcome);
        var assigned = await service.ChangeAsync(project.Coordinator, referral.Referral.Id, accepted.Current!.Version, new AssignReferral(motherId), null, CancellationToken.None);
        Assert.Equal(ChangeOutcome.Changed, assigned.Outcome);
        return assigned.Current!;
    }
}

/// <summary>One test's project and its people, each with a fresh object id.</summary>
internal sealed record ReferralProject(string ProjectId)
{
    public string CoordinatorId { get; } = Guid.NewGuid().ToString();

    public string MotherId { get; } = Guid.NewGuid().ToString();

    public string OtherMotherId { get; } = Guid.NewGuid().ToString();

    public string PartnerId { get; } = Guid.NewGuid().ToString();

    public string OtherPartnerId { get; } = Guid.NewGuid().ToString();

    public Actor Coordinator => new(CoordinatorId, ProjectId, ProjectRole.Coordinator, null);

    public Actor Mother => new(MotherId, ProjectId, ProjectRole.NeighbourhoodMother, null);

    public Actor Partner => new(PartnerId, ProjectId, ProjectRole.PartnerStaff, "solsikken");

    public Actor OtherPartner => new(OtherPartnerId, ProjectId, ProjectRole.PartnerStaff, "familieafdelingen");

    public IEnumerable<ProjectMember> Members =>
    [
        new(CoordinatorId, ProjectId, ProjectRole.Coordinator, null, "Camilla"),
        new(MotherId, ProjectId, ProjectRole.NeighbourhoodMother, null, "Fatima"),
        new(OtherMotherId, ProjectId, ProjectRole.NeighbourhoodMother, null, "Isra"),
        new(PartnerId, ProjectId, ProjectRole.PartnerStaff, "solsikken", "Birgitte"),
        new(OtherPartnerId, ProjectId, ProjectRole.PartnerStaff, "familieafdelingen", "Patti"),
    ];
}
