using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Demo;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Referrals;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;

namespace PartnerHub.Api.Tests.Referrals;

/// <summary>
/// The cards and REST are two projections of one rule (<see cref="ReferralVisibility"/>): for representative cells of
/// its matrix, the REST JSON and the card data carry exactly the fields (that have a value) and the actions the rule
/// gives that person. Real host, real Entra tokens, Azurite.
/// </summary>
public sealed class ReferralProjectionTests : IAsyncLifetime, IDisposable, IClassFixture<AzuriteFixture>
{
    private const string ProjectId = "vollsmose";
    private const string Base = "/api/projects/vollsmose/referrals";
    private const string Coordinator = "c0000000-0000-4000-8000-000000000001";
    private const string Kindergarten = "c0000000-0000-4000-8000-000000000002";
    private const string Mother = "c0000000-0000-4000-8000-000000000003";
    private const string OtherMother = "c0000000-0000-4000-8000-000000000004";
    private const string Housing = "c0000000-0000-4000-8000-000000000005";
    private const string Teacher = "c0000000-0000-4000-8000-000000000006";
    private const string FamilyService = "c0000000-0000-4000-8000-000000000007";

    private static readonly string[] Everyone = [Coordinator, Kindergarten, Mother, OtherMother, Housing, Teacher, FamilyService];

    // Ids are for REST clients; the cards name people instead.
    private static readonly ReferralField[] IdsOnly = [ReferralField.Referrer, ReferralField.MotherId];

    private readonly RestHost _host = new();

    public async Task InitializeAsync()
    {
        await _host.Projects.UpsertAsync(DemoData.Vollsmose with { TenantId = RestHost.TenantId }, CancellationToken.None);
        var directory = _host.Services.GetRequiredService<DirectoryStore>();
        await directory.UpsertOrganisationAsync(new Organisation("solsikken", ProjectId, OrganisationKind.Kindergarten, "Børnehuset Solsikken", false), CancellationToken.None);
        await directory.UpsertOrganisationAsync(new Organisation("boligforeningen", ProjectId, OrganisationKind.HousingAssociation, "Boligforeningen", false), CancellationToken.None);
        await directory.UpsertOrganisationAsync(new Organisation("familieafdelingen", ProjectId, OrganisationKind.SocialServices, "Familieafdelingen", true), CancellationToken.None);
        foreach (var member in new ProjectMember[]
        {
            new(Coordinator, ProjectId, ProjectRole.Coordinator, null, "Karen"),
            new(Kindergarten, ProjectId, ProjectRole.PartnerStaff, "solsikken", "Mette"),
            new(Mother, ProjectId, ProjectRole.NeighbourhoodMother, null, "Samira"),
            new(OtherMother, ProjectId, ProjectRole.NeighbourhoodMother, null, "Hawa"),
            new(Housing, ProjectId, ProjectRole.PartnerStaff, "boligforeningen", "Jens"),
            new(Teacher, ProjectId, ProjectRole.Teacher, null, "Lise"),
            new(FamilyService, ProjectId, ProjectRole.PartnerStaff, "familieafdelingen", "Birgit"),
        })
        {
            await directory.UpsertMemberAsync(RestHost.TenantId, member, CancellationToken.None);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Every_person_sees_a_contacted_referral_with_notes_exactly_as_the_rule_says_on_REST_and_on_her_card()
    {
        var (id, etag) = await CreateAsync(Kindergarten, ReferralEndpointsTests.Form());
        etag = await AdvanceAsync(Coordinator, id, etag, new JsonObject { ["action"] = "assign", ["motherId"] = Mother });
        etag = await AdvanceAsync(Mother, id, etag, new JsonObject { ["action"] = "editNotes", ["notes"] = "Vi mødtes på biblioteket." });
        await AdvanceAsync(Mother, id, etag, new JsonObject { ["action"] = "recordContact" });

        await AssertProjectionsAsync(id, Everyone);
    }

    [Fact]
    public async Task When_contact_goes_through_the_referrer_her_mother_sees_which_organisation_on_REST_and_on_her_card()
    {
        var form = ReferralEndpointsTests.Form();
        form["contactChannel"] = "ThroughReferrer";
        form.Remove("phone");
        var (id, etag) = await CreateAsync(Kindergarten, form);
        await AdvanceAsync(Coordinator, id, etag, new JsonObject { ["action"] = "assign", ["motherId"] = Mother });

        await AssertProjectionsAsync(id, Everyone);
        var mother = await ViewAsync(Mother, id);
        Assert.Equal("solsikken", (string?)mother!["details"]?["referrerOrganisationId"]);
    }

    [Fact]
    public async Task After_withdrawal_every_view_is_the_anonymous_remainder_with_nothing_left_to_do()
    {
        var (id, etag) = await CreateAsync(Kindergarten, ReferralEndpointsTests.Form());
        etag = await AdvanceAsync(Coordinator, id, etag, new JsonObject { ["action"] = "assign", ["motherId"] = Mother });
        etag = await AdvanceAsync(Mother, id, etag, new JsonObject { ["action"] = "editNotes", ["notes"] = "Vi mødtes på biblioteket." });
        await AdvanceAsync(Kindergarten, id, etag, new JsonObject { ["action"] = "withdraw" });

        await AssertProjectionsAsync(id, Everyone);
        foreach (var person in new[] { Coordinator, Mother, Kindergarten })
        {
            Assert.Empty((await ViewAsync(person, id))!["allowedActions"]!.AsArray());
        }
    }

    [Fact]
    public async Task A_declined_referral_shows_the_coordinator_why_and_the_referrer_only_its_status()
    {
        var (id, etag) = await CreateAsync(Kindergarten, ReferralEndpointsTests.Form());
        await AdvanceAsync(Coordinator, id, etag, new JsonObject { ["action"] = "decline", ["reason"] = "OutsideArea" });

        await AssertProjectionsAsync(id, Everyone);
    }

    [Fact]
    public async Task A_submitted_referral_offers_the_coordinator_every_first_step_on_REST_and_on_her_card()
    {
        var (id, _) = await CreateAsync(Kindergarten, ReferralEndpointsTests.Form());

        await AssertProjectionsAsync(id, Everyone);
        var coordinator = await ViewAsync(Coordinator, id);
        Assert.Equal(["accept", "decline", "assign", "withdraw"], coordinator!["allowedActions"]!.AsArray().Select(a => (string?)a));
    }

    private async Task AssertProjectionsAsync(string referralId, IEnumerable<string> people)
    {
        var stored = await _host.Services.GetRequiredService<ReferralStore>().FindAsync(ProjectId, referralId, CancellationToken.None);
        Assert.NotNull(stored);
        var directory = _host.Services.GetRequiredService<DirectoryStore>();
        var views = _host.Services.GetRequiredService<ReferralViews>();
        foreach (var person in people)
        {
            var actor = Actor.From((await directory.FindMemberAsync(ProjectId, person, CancellationToken.None))!);
            var rule = ReferralVisibility.For(actor, stored.Referral);
            var expected = rule.Fields.Where(field => HasValue(field, stored.Referral)).Order().ToList();
            var rest = await ViewAsync(person, referralId);
            var card = await views.DataForAsync(actor, stored, "da", CancellationToken.None);

            if (rule.Kind == ReferralViewKind.None)
            {
                Assert.Null(rest);
                Assert.Null(card);
                continue;
            }

            Assert.NotNull(rest);
            Assert.NotNull(card);
            var (cardName, data) = card.Value;
            Assert.Equal(Kind(rule.Kind), ((string?)rest["view"], cardName));
            Assert.Equal(expected, RestFields(rest).Order().ToList());
            Assert.Equal(expected.Except(IdsOnly).ToList(), CardFields(data).Order().ToList());
            Assert.Equal(
                ReferralVisibility.Offered.Where(rule.Allows).Where(a => a != ReferralAction.ReferOnward).Select(RestName),
                rest["allowedActions"]!.AsArray().Select(a => (string?)a));
            var buttons = CardButtons(cardName);
            Assert.Equal(
                buttons.Where(b => rule.Allows(b.Action)).Select(b => b.Flag).Order(),
                buttons.Where(b => (bool?)data[b.Flag] == true).Select(b => b.Flag).Order());
        }
    }

    private static bool HasValue(ReferralField field, Referral referral) => field switch
    {
        ReferralField.FirstName or ReferralField.Languages or ReferralField.Area or ReferralField.Contact => referral.Person is not null,
        ReferralField.Phone => referral.Person?.Contact.PhoneNumber is not null,
        ReferralField.Note => referral.Person?.Note is not null,
        ReferralField.Consent => referral.Consent is not null,
        ReferralField.DeclineReason => referral.DeclineReason is not null,
        ReferralField.Outcome => referral.Outcome is not null,
        ReferralField.ReferrerOrganisation => referral.ReferrerOrganisationId.Length > 0,
        ReferralField.MotherFirstName or ReferralField.MotherId => referral.AssignedMotherId is not null,
        ReferralField.MotherNotes => referral.MotherNotes is not null,
        _ => true,
    };

    private static (string? View, string Card) Kind(ReferralViewKind kind) => kind switch
    {
        ReferralViewKind.Coordinator => ("coordinator", ReferralViews.TriageCard),
        ReferralViewKind.AssignedMother => ("assignedMother", ReferralViews.AssignmentCard),
        _ => ("status", ReferralViews.StatusCard),
    };

    private static string RestName(ReferralAction action) => action switch
    {
        ReferralAction.RecordContact => "recordContact",
        ReferralAction.EditNotes => "editNotes",
        _ => action.ToString().ToLowerInvariant(),
    };

    /// <summary>The buttons each card has, by the data flag that shows them.</summary>
    private static (string Flag, ReferralAction Action)[] CardButtons(string card) => card switch
    {
        ReferralViews.TriageCard => [("canAccept", ReferralAction.Accept), ("canDecline", ReferralAction.Decline), ("canAssign", ReferralAction.Assign), ("canReferOnward", ReferralAction.ReferOnward)],
        ReferralViews.AssignmentCard => [("canRecordContact", ReferralAction.RecordContact), ("canClose", ReferralAction.Close), ("canEditNotes", ReferralAction.EditNotes), ("canWithdraw", ReferralAction.Withdraw)],
        _ => [("canWithdraw", ReferralAction.Withdraw)],
    };

    private static IEnumerable<ReferralField> RestFields(JsonObject view)
    {
        var details = view["details"];
        var present = new (ReferralField Field, JsonNode? Node)[]
        {
            (ReferralField.FirstName, view["firstName"]),
            (ReferralField.Timeline, view["timeline"]?.AsArray() is { Count: > 0 } timeline ? timeline : null),
            (ReferralField.Needs, details?["needs"]?.AsArray() is { Count: > 0 } needs ? needs : null),
            (ReferralField.Languages, details?["languages"]),
            (ReferralField.Area, details?["area"]),
            (ReferralField.Contact, details?["contact"]),
            (ReferralField.Phone, details?["contact"]?["phone"]),
            (ReferralField.Note, details?["note"]),
            (ReferralField.Consent, details?["consent"]),
            (ReferralField.DeclineReason, details?["declineReason"]),
            (ReferralField.Outcome, details?["outcome"]),
            (ReferralField.ReferrerOrganisation, details?["referrerOrganisationId"]),
            (ReferralField.Referrer, details?["referrerObjectId"]),
            (ReferralField.MotherFirstName, view["motherFirstName"]),
            (ReferralField.MotherId, details?["assignedMotherId"]),
            (ReferralField.MotherNotes, view["motherNotes"]),
        };
        return present.Where(p => p.Node is not null).Select(p => p.Field);
    }

    private static IEnumerable<ReferralField> CardFields(JsonObject data)
    {
        var keys = new (string Key, ReferralField Field)[]
        {
            ("firstName", ReferralField.FirstName), ("timeline", ReferralField.Timeline), ("needsText", ReferralField.Needs),
            ("languagesText", ReferralField.Languages), ("area", ReferralField.Area), ("contactText", ReferralField.Contact),
            ("phone", ReferralField.Phone), ("note", ReferralField.Note), ("consentText", ReferralField.Consent),
            ("declineReasonText", ReferralField.DeclineReason), ("outcomeText", ReferralField.Outcome),
            ("referrerOrganisation", ReferralField.ReferrerOrganisation), ("motherFirstName", ReferralField.MotherFirstName),
            ("assignedMotherFirstName", ReferralField.MotherFirstName), ("motherNotes", ReferralField.MotherNotes), ("notes", ReferralField.MotherNotes),
        };
        return keys.Where(k => data[k.Key] is JsonNode node && !(node is JsonValue && node.GetValueKind() == System.Text.Json.JsonValueKind.String && (string?)node is "" or null))
            .Select(k => k.Field).Distinct();
    }

    private async Task<JsonObject?> ViewAsync(string person, string id)
    {
        using var response = await SendAsync(HttpMethod.Get, $"{Base}/{id}", person);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    private async Task<(string Id, string ETag)> CreateAsync(string person, JsonObject form)
    {
        using var response = await SendAsync(HttpMethod.Post, Base, person, form, new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ((string)(await response.JsonAsync())["id"]!, response.Headers.ETag!.ToString());
    }

    private async Task<string> AdvanceAsync(string person, string id, string ifMatch, JsonObject body)
    {
        using var response = await SendAsync(HttpMethod.Post, $"{Base}/{id}/transitions", person, body, new Dictionary<string, string> { ["If-Match"] = ifMatch });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.ETag!.ToString();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string person, JsonObject? body = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _host.TokenFor(person));
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Content = body is null ? null : new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        return await _host.CreateClient().SendAsync(request);
    }
}
