using System.Globalization;
using System.Text.Json.Nodes;
using PartnerHub.Api.Partners;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;
using PartnerHub.Teams.Cards;

namespace PartnerHub.Api.Referrals;

/// <summary>
/// Builds each person's view of a referral as card data: the coordinator's triage card, the assigned mother's
/// card, the referrer's status card. What a view contains is decided here by role, after Core's access rules:
/// the status view never carries notes, contact details or more of the mother than her first name.
/// </summary>
public sealed class ReferralViews(CardCatalog cards, DirectoryStore directory, ReferralStore referrals, OnwardStore onwards)
{
    public const string FormCard = "referral-form";
    public const string StatusCard = "referral-status";
    public const string TriageCard = "referral-triage";
    public const string AssignmentCard = "referral-assignment";
    public const string ListCard = "referral-list";

    /// <summary>The card this actor should see for this referral, or null when the actor may see none.</summary>
    public async Task<JsonObject?> CardForAsync(Actor actor, StoredReferral stored, string language, string? notice, IReadOnlyList<string>? refreshUserIds, CancellationToken cancellationToken)
    {
        var referral = stored.Referral;
        string card;
        JsonObject data;
        if (actor.Role == ProjectRole.Coordinator && ReferralAccess.Allows(actor, ReferralAction.ViewDetails, referral))
        {
            (card, data) = (TriageCard, await TriageDataAsync(actor, stored, language, cancellationToken));
        }
        else if (actor.Role == ProjectRole.NeighbourhoodMother && ReferralAccess.Allows(actor, ReferralAction.ViewDetails, referral))
        {
            (card, data) = (AssignmentCard, await AssignmentDataAsync(actor, stored, language, cancellationToken));
        }
        else if (ReferralAccess.Allows(actor, ReferralAction.ViewStatus, referral))
        {
            (card, data) = (StatusCard, await StatusDataAsync(actor, stored, language, cancellationToken));
        }
        else
        {
            return null;
        }

        if (notice is not null)
        {
            data["notice"] = notice;
        }

        if (refreshUserIds is { Count: > 0 })
        {
            data["refreshUserIds"] = new JsonArray(refreshUserIds.Select(id => (JsonNode?)JsonValue.Create(id)).ToArray());
        }

        return WithoutEmptyRefresh(cards.Render(card, data, language));
    }

    /// <summary>A card rendered without an audience gets "refresh": null from templating; Teams clients want no refresh at all then.</summary>
    private static JsonObject WithoutEmptyRefresh(JsonObject card)
    {
        if (card.TryGetPropertyValue("refresh", out var refresh) && refresh is null)
        {
            card.Remove("refresh");
        }

        return card;
    }

    public JsonObject Form(string projectId, IReadOnlyList<string> areas, string language, DateOnly today, ReferralFormInput? values = null, IReadOnlyDictionary<string, string>? errors = null, string? requestId = null)
    {
        var errorTexts = new JsonObject();
        foreach (var (field, code) in errors ?? new Dictionary<string, string>())
        {
            errorTexts[field] = cards.Text(language, "formErrors." + code);
        }

        var data = new JsonObject
        {
            ["projectId"] = projectId,
            ["requestId"] = requestId ?? Guid.NewGuid().ToString("N"),
            ["today"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["areas"] = new JsonArray(areas.Select(area => (JsonNode)Choice(area, area)).ToArray()),
            ["languages"] = new JsonArray(ReferralForm.KnownLanguages.Select(code => (JsonNode)Choice(cards.Text(language, "languages." + code), code)).ToArray()),
            ["values"] = new JsonObject
            {
                ["firstName"] = values?.FirstNameOrInitials ?? string.Empty,
                ["languages"] = values?.Languages ?? string.Empty,
                ["area"] = values?.Area ?? string.Empty,
                ["contactChannel"] = values?.ContactChannel ?? string.Empty,
                ["bestTime"] = values?.BestTime ?? nameof(ContactTime.Anytime),
                ["phone"] = values?.PhoneNumber ?? string.Empty,
                ["needs"] = values?.Needs ?? string.Empty,
                ["note"] = values?.Note ?? string.Empty,
                ["consentGivenBy"] = values?.ConsentGivenBy ?? string.Empty,
                ["consentMethod"] = values?.ConsentMethod ?? string.Empty,
                ["consentDate"] = values?.ConsentDate ?? today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["consentLanguage"] = values?.ConsentLanguage ?? string.Empty,
                ["consentConfirmed"] = values?.ConsentConfirmed ?? "false",
            },
            ["errors"] = errorTexts,
        };
        return cards.Render(FormCard, data, language);
    }

    /// <param name="titlePath">The strings path of another title than the role's own list, for a selection.</param>
    public JsonObject List(Actor actor, ReferralPage page, IReadOnlyList<string> cursor, string language, string? titlePath = null)
    {
        var title = titlePath ?? actor.Role switch
        {
            ProjectRole.Coordinator => "list.titleProject",
            ProjectRole.NeighbourhoodMother => "list.titleAssigned",
            _ => "list.titleMine",
        };
        var data = new JsonObject
        {
            ["projectId"] = actor.ProjectId,
            ["title"] = cards.Text(language, title),
            ["items"] = new JsonArray(page.Items.Select(item => (JsonNode)new JsonObject
            {
                ["referralId"] = item.Referral.Id,
                ["reference"] = ReferralIds.Reference(item.Referral.Id),
                ["firstName"] = item.Referral.Person?.FirstNameOrInitials ?? cards.Text(language, "referral.erasedName"),
                ["stateLabel"] = cards.Text(language, "states." + item.Referral.State),
                ["state"] = item.Referral.State.ToString(),
                ["updatedAtText"] = CopenhagenDates.Date(item.Referral.LastChangedAt, language),
            }).ToArray()),
            ["empty"] = page.Items.Count == 0,
            ["pageText"] = string.Format(CultureInfo.InvariantCulture, cards.Text(language, "list.page"), cursor.Count + 1),
        };
        if (page.NextToken is not null)
        {
            data["nextToken"] = ListCursor.Encode([.. cursor, page.NextToken]);
        }

        if (cursor.Count > 0)
        {
            data["previousToken"] = ListCursor.Encode(cursor.Take(cursor.Count - 1).ToList());
        }

        return cards.Render(ListCard, data, language);
    }

    private async Task<JsonObject> StatusDataAsync(Actor actor, StoredReferral stored, string language, CancellationToken cancellationToken)
    {
        var referral = stored.Referral;
        var data = Common(stored, language);
        data["stateDescription"] = cards.Text(language, "stateDescriptions." + referral.State);
        data["submittedAtText"] = CopenhagenDates.Date(referral.SubmittedAt, language);
        data["timeline"] = new JsonArray(referral.History.Select(e => (JsonNode)new JsonObject
        {
            ["label"] = cards.Text(language, "states." + e.State),
            ["atText"] = CopenhagenDates.DateAndTime(e.At, language),
        }).ToArray());
        data["canWithdraw"] = referral.IsOpen && ReferralAccess.Allows(actor, ReferralAction.Withdraw, referral);
        if (referral.AssignedMotherId is { } motherId && referral.State is ReferralState.Assigned or ReferralState.Contacted or ReferralState.Closed
            && await directory.FindMemberAsync(referral.ProjectId, motherId, cancellationToken) is { } mother)
        {
            data["motherFirstName"] = mother.FirstName;
        }

        return data;
    }

    private async Task<JsonObject> TriageDataAsync(Actor actor, StoredReferral stored, string language, CancellationToken cancellationToken)
    {
        var referral = stored.Referral;
        var data = Details(stored, language);
        var organisations = await directory.OrganisationsAsync(referral.ProjectId, cancellationToken);
        var mothers = await directory.MembersAsync(referral.ProjectId, ProjectRole.NeighbourhoodMother, cancellationToken);
        var load = await referrals.OpenLoadByMotherAsync(referral.ProjectId, cancellationToken);
        var onwardReferrals = await onwards.OfReferralAsync(referral.ProjectId, referral.Id, cancellationToken);

        // A coordinator may refer too; she has no organisation, so the row names her role instead of staying empty.
        data["referrerOrganisation"] = organisations.FirstOrDefault(o => o.Id == referral.ReferrerOrganisationId)?.Name
            ?? cards.Text(language, "referral.fields.coordinatorReferrer");
        data["submittedAtText"] = CopenhagenDates.DateAndTime(referral.SubmittedAt, language);
        data["canAccept"] = Can(actor, ReferralAction.Accept, referral);
        data["canDecline"] = Can(actor, ReferralAction.Decline, referral);
        data["canAssign"] = Can(actor, ReferralAction.Assign, referral) && mothers.Count > 0;
        data["canReferOnward"] = referral.Person is not null && referral.State is not ReferralState.Declined and not ReferralState.Withdrawn
            && organisations.Any(o => o.ReceivesOnwardReferrals);
        if (referral.AssignedMotherId is { } assigned && referral.State is ReferralState.Assigned or ReferralState.Contacted)
        {
            if (mothers.FirstOrDefault(m => m.ObjectId == assigned) is { } current)
            {
                data["assignedMotherFirstName"] = current.FirstName;
            }
            else
            {
                // She left the project (or is no longer a mother in it): the woman is waiting for nobody.
                data["motherGone"] = true;
            }
        }
        else if (referral.AssignedMotherId is { } earlier && mothers.FirstOrDefault(m => m.ObjectId == earlier) is { } former)
        {
            data["assignedMotherFirstName"] = former.FirstName;
        }

        data["mothers"] = new JsonArray(mothers
            .OrderBy(m => load.GetValueOrDefault(m.ObjectId))
            .ThenBy(m => m.FirstName, StringComparer.Create(CultureInfo.GetCultureInfo("da-DK"), ignoreCase: true))
            .Select(m => (JsonNode)Choice(
                string.Format(CultureInfo.InvariantCulture, cards.Text(language, "referral.triage.motherLoad"), m.FirstName, load.GetValueOrDefault(m.ObjectId)),
                m.ObjectId))
            .ToArray());
        data["declineReasons"] = EnumChoices<DeclineReason>(language, "declineReasons");
        data["onwardOrganisations"] = new JsonArray(organisations.Where(o => o.ReceivesOnwardReferrals).Select(o => (JsonNode)Choice(o.Name, o.Id)).ToArray());
        data["needs"] = EnumChoices<NeedCategories>(language, "needs", skip: NeedCategories.None);
        // What became of each onward referral: the service's name, its answer and when. Nothing about her is added.
        data["onwards"] = new JsonArray(onwardReferrals.Select(onward => (JsonNode)new JsonObject
        {
            ["onwardId"] = onward.Id,
            ["organisationName"] = organisations.FirstOrDefault(o => o.Id == onward.ToOrganisationId)?.Name
                ?? cards.Text(language, "referral.triage.onward.unknownOrganisation"),
            ["state"] = onward.State.ToString(),
            ["stateText"] = string.Format(CultureInfo.InvariantCulture, cards.Text(language, "referral.triage.onward.states." + onward.State), CopenhagenDates.DateAndTime(onward.AnsweredAt ?? onward.SentAt, language)),
        }).ToArray());
        return data;
    }

    private async Task<JsonObject> AssignmentDataAsync(Actor actor, StoredReferral stored, string language, CancellationToken cancellationToken)
    {
        var referral = stored.Referral;
        var data = Details(stored, language);
        if (referral.Person?.Contact.Channel == ContactChannel.ThroughReferrer
            && await directory.FindOrganisationAsync(referral.ProjectId, referral.ReferrerOrganisationId, cancellationToken) is { } organisation)
        {
            // "Through the referrer" is only useful to the mother if she knows which institution to go through.
            data["contactText"] = string.Format(CultureInfo.InvariantCulture, cards.Text(language, "referral.assignment.throughOrganisation"), organisation.Name,
                cards.Text(language, "contact.timePhrases." + referral.Person.Contact.BestTime));
        }

        data["notes"] = referral.MotherNotes ?? string.Empty;
        data["canRecordContact"] = Can(actor, ReferralAction.RecordContact, referral);
        data["canClose"] = Can(actor, ReferralAction.Close, referral);
        data["canEditNotes"] = Can(actor, ReferralAction.EditNotes, referral);
        data["canWithdraw"] = Can(actor, ReferralAction.Withdraw, referral);
        // From Assigned only "not reached" closes; after contact every outcome does.
        data["outcomes"] = referral.State == ReferralState.Assigned
            ? new JsonArray(Choice(cards.Text(language, "outcomes." + ReferralOutcome.NotReached), nameof(ReferralOutcome.NotReached)))
            : EnumChoices<ReferralOutcome>(language, "outcomes");
        return data;
    }

    private JsonObject Details(StoredReferral stored, string language)
    {
        var referral = stored.Referral;
        var person = referral.Person;
        var data = Common(stored, language);
        data["version"] = stored.Version;
        data["languagesText"] = person is null ? string.Empty : string.Join(", ", person.PreferredLanguages.Select(code => cards.Text(language, "languages." + code)));
        data["area"] = person?.Area ?? string.Empty;
        data["needsText"] = string.Join(", ", Enum.GetValues<NeedCategories>()
            .Where(need => need != NeedCategories.None && referral.Needs.HasFlag(need))
            .Select(need => cards.Text(language, "needs." + need)));
        data["contactText"] = person is null
            ? string.Empty
            : cards.Text(language, "contact.channelLabels." + person.Contact.Channel) + ", " + cards.Text(language, "contact.timePhrases." + person.Contact.BestTime);
        if (person?.Contact.PhoneNumber is { } phone)
        {
            data["phone"] = phone;
        }

        if (person?.Note is { } note)
        {
            data["note"] = note;
        }

        data["consentText"] = referral.Consent is { } consent
            ? string.Join(", ", cards.Text(language, "consent.givenBy." + consent.GivenBy), cards.Text(language, "consent.method." + consent.Method),
                CopenhagenDates.Date(consent.GivenOn, language),
                cards.Text(language, "consent.explainedIn") + " " + cards.Text(language, "languages." + consent.ExplainedInLanguage))
            : string.Empty;
        data["errors"] = new JsonObject();
        return data;
    }

    private JsonObject Common(StoredReferral stored, string language)
    {
        var referral = stored.Referral;
        return new JsonObject
        {
            ["projectId"] = referral.ProjectId,
            ["referralId"] = referral.Id,
            ["reference"] = ReferralIds.Reference(referral.Id),
            ["firstName"] = referral.Person?.FirstNameOrInitials ?? cards.Text(language, "referral.erasedName"),
            ["state"] = referral.State.ToString(),
            ["stateLabel"] = cards.Text(language, "states." + referral.State),
        };
    }

    private static bool Can(Actor actor, ReferralAction action, Referral referral) =>
        ReferralAccess.Allows(actor, action, referral) && ReferralWorkflow.AllowedFrom(action).Contains(referral.State);

    private JsonArray EnumChoices<T>(string language, string stringsKey, T? skip = null)
        where T : struct, Enum =>
        new(Enum.GetValues<T>().Where(value => skip is null || !value.Equals(skip.Value))
            .Select(value => (JsonNode)Choice(cards.Text(language, $"{stringsKey}.{value}"), value.ToString())).ToArray());

    private static JsonObject Choice(string title, string value) => new() { ["title"] = title, ["value"] = value };
}

/// <summary>"Previous" for forward-only continuation tokens: the card carries the path of tokens from the first page.</summary>
public static class ListCursor
{
    public static string Encode(IReadOnlyList<string> tokens) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(tokens)));

    public static IReadOnlyList<string> Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return [];
        }

        try
        {
            var tokens = System.Text.Json.JsonSerializer.Deserialize<List<string>>(System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(cursor)));
            // A forged cursor only pages through what the caller may list anyway; bound its size all the same.
            return tokens is { Count: <= 100 } ? tokens : [];
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            return [];
        }
    }
}
