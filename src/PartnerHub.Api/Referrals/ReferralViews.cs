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
        if (await DataForAsync(actor, stored, language, cancellationToken) is not { } view)
        {
            return null;
        }

        var (card, data) = view;

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

    /// <summary>
    /// Which card this actor gets and its data, or null when she may see none. Every field and button comes from
    /// <see cref="ReferralVisibility"/>, the rule REST projects too; the card's template decides only how to show them.
    /// </summary>
    public async Task<(string Card, JsonObject Data)?> DataForAsync(Actor actor, StoredReferral stored, string language, CancellationToken cancellationToken)
    {
        var view = ReferralVisibility.For(actor, stored.Referral);
        return view.Kind switch
        {
            ReferralViewKind.Coordinator => (TriageCard, await TriageDataAsync(view, stored, language, cancellationToken)),
            ReferralViewKind.AssignedMother => (AssignmentCard, await AssignmentDataAsync(view, stored, language, cancellationToken)),
            ReferralViewKind.Status => (StatusCard, await StatusDataAsync(view, stored, language, cancellationToken)),
            _ => null,
        };
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

    private async Task<JsonObject> StatusDataAsync(ReferralView view, StoredReferral stored, string language, CancellationToken cancellationToken)
    {
        var referral = stored.Referral;
        var data = Common(view, stored, language);
        data["stateDescription"] = cards.Text(language, "stateDescriptions." + referral.State);
        data["submittedAtText"] = CopenhagenDates.Date(referral.SubmittedAt, language);
        data["canWithdraw"] = view.Allows(ReferralAction.Withdraw);
        if (view.Shows(ReferralField.MotherFirstName) && referral.AssignedMotherId is { } motherId
            && await directory.FindMemberAsync(referral.ProjectId, motherId, cancellationToken) is { } mother)
        {
            data["motherFirstName"] = mother.FirstName;
        }

        return data;
    }

    private async Task<JsonObject> TriageDataAsync(ReferralView view, StoredReferral stored, string language, CancellationToken cancellationToken)
    {
        var referral = stored.Referral;
        var data = Details(view, stored, language);
        var organisations = await directory.OrganisationsAsync(referral.ProjectId, cancellationToken);
        var mothers = await directory.MembersAsync(referral.ProjectId, ProjectRole.NeighbourhoodMother, cancellationToken);
        var load = await referrals.OpenLoadByMotherAsync(referral.ProjectId, cancellationToken);
        // Read beside the referral that it has none (ReferralBeside): nothing to read then.
        IReadOnlyList<OnwardReferral> onwardReferrals = stored.Beside is { HasOnward: false } ? [] : await onwards.OfReferralAsync(referral.ProjectId, referral.Id, cancellationToken);

        if (view.Shows(ReferralField.ReferrerOrganisation))
        {
            // A coordinator may refer too; she has no organisation, so the row names her role instead of staying empty.
            data["referrerOrganisation"] = organisations.FirstOrDefault(o => o.Id == referral.ReferrerOrganisationId)?.Name
                ?? cards.Text(language, "referral.fields.coordinatorReferrer");
        }

        data["canAccept"] = view.Allows(ReferralAction.Accept);
        data["canDecline"] = view.Allows(ReferralAction.Decline);
        data["canAssign"] = view.Allows(ReferralAction.Assign) && mothers.Count > 0;
        data["canReferOnward"] = view.Allows(ReferralAction.ReferOnward) && organisations.Any(o => o.ReceivesOnwardReferrals);
        if (view.Shows(ReferralField.MotherFirstName))
        {
            AddMother(data, referral, mothers);
        }

        if (view.Shows(ReferralField.MotherNotes) && referral.MotherNotes is { } notes)
        {
            data["motherNotes"] = notes;
        }

        if (view.Shows(ReferralField.DeclineReason) && referral.DeclineReason is { } reason)
        {
            data["declineReasonText"] = cards.Text(language, "declineReasons." + reason);
        }

        data["mothers"] = new JsonArray(mothers
            .OrderBy(m => OpenLoad.Of(load, m.ObjectId))
            .ThenBy(m => m.FirstName, StringComparer.Create(CultureInfo.GetCultureInfo("da-DK"), ignoreCase: true))
            .Select(m => (JsonNode)Choice(
                string.Format(CultureInfo.InvariantCulture, cards.Text(language, "referral.triage.motherLoad"), m.FirstName, OpenLoad.Of(load, m.ObjectId)),
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

    /// <summary>The mother working on it, or the one who did; "gone" when the current one left the project.</summary>
    private static void AddMother(JsonObject data, Referral referral, IReadOnlyList<ProjectMember> mothers)
    {
        if (referral.WorkingMotherId is { } assigned)
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
    }

    private async Task<JsonObject> AssignmentDataAsync(ReferralView view, StoredReferral stored, string language, CancellationToken cancellationToken)
    {
        var referral = stored.Referral;
        var data = Details(view, stored, language);
        if (view.Shows(ReferralField.ReferrerOrganisation) && referral.Person is { } person
            && await directory.FindOrganisationAsync(referral.ProjectId, referral.ReferrerOrganisationId, cancellationToken) is { } organisation)
        {
            // "Through the referrer": she goes through this institution.
            data["referrerOrganisation"] = organisation.Name;
            data["contactText"] = string.Format(CultureInfo.InvariantCulture, cards.Text(language, "referral.assignment.throughOrganisation"), organisation.Name,
                cards.Text(language, "contact.timePhrases." + person.Contact.BestTime));
        }

        if (view.Shows(ReferralField.MotherNotes))
        {
            data["notes"] = referral.MotherNotes ?? string.Empty;
        }

        data["canRecordContact"] = view.Allows(ReferralAction.RecordContact);
        data["canClose"] = view.Allows(ReferralAction.Close);
        data["canEditNotes"] = view.Allows(ReferralAction.EditNotes);
        data["canWithdraw"] = view.Allows(ReferralAction.Withdraw);
        // From Assigned only "not reached" closes; after contact every outcome does.
        data["outcomes"] = referral.State == ReferralState.Assigned
            ? new JsonArray(Choice(cards.Text(language, "outcomes." + ReferralOutcome.NotReached), nameof(ReferralOutcome.NotReached)))
            : EnumChoices<ReferralOutcome>(language, "outcomes");
        return data;
    }

    /// <summary>The case details both the triage and the assignment card carry, each only where the view shows it.</summary>
    private JsonObject Details(ReferralView view, StoredReferral stored, string language)
    {
        var referral = stored.Referral;
        var person = referral.Person;
        var data = Common(view, stored, language);
        data["version"] = stored.Version;
        data["submittedAtText"] = CopenhagenDates.DateAndTime(referral.SubmittedAt, language);
        if (view.Shows(ReferralField.Needs))
        {
            data["needsText"] = string.Join(", ", Enum.GetValues<NeedCategories>()
                .Where(need => need != NeedCategories.None && referral.Needs.HasFlag(need))
                .Select(need => cards.Text(language, "needs." + need)));
        }

        if (view.Shows(ReferralField.Languages) && person is not null)
        {
            data["languagesText"] = string.Join(", ", person.PreferredLanguages.Select(code => cards.Text(language, "languages." + code)));
        }

        if (view.Shows(ReferralField.Area) && person is not null)
        {
            data["area"] = person.Area;
        }

        if (view.Shows(ReferralField.Contact) && person is not null)
        {
            data["contactText"] = cards.Text(language, "contact.channelLabels." + person.Contact.Channel) + ", " + cards.Text(language, "contact.timePhrases." + person.Contact.BestTime);
        }

        if (view.Shows(ReferralField.Phone) && person?.Contact.PhoneNumber is { } phone)
        {
            data["phone"] = phone;
        }

        if (view.Shows(ReferralField.Note) && person?.Note is { } note)
        {
            data["note"] = note;
        }

        if (view.Shows(ReferralField.Consent) && referral.Consent is { } consent)
        {
            data["consentText"] = string.Join(", ", cards.Text(language, "consent.givenBy." + consent.GivenBy), cards.Text(language, "consent.methodInSentence." + consent.Method),
                CopenhagenDates.Date(consent.GivenOn, language),
                cards.Text(language, "consent.explainedIn") + " " + cards.Text(language, "languages." + consent.ExplainedInLanguage));
        }

        if (view.Shows(ReferralField.Outcome) && referral.Outcome is { } outcome)
        {
            data["outcomeText"] = cards.Text(language, "outcomes." + outcome);
        }

        data["errors"] = new JsonObject();
        return data;
    }

    /// <summary>What every view carries: ids, the state and its dates, and her first name and the timeline where the view shows them.</summary>
    private JsonObject Common(ReferralView view, StoredReferral stored, string language)
    {
        var referral = stored.Referral;
        var data = new JsonObject
        {
            ["projectId"] = referral.ProjectId,
            ["referralId"] = referral.Id,
            ["reference"] = ReferralIds.Reference(referral.Id),
            ["state"] = referral.State.ToString(),
            ["stateLabel"] = cards.Text(language, "states." + referral.State),
        };
        // Absent once erased: the templates then say "deleted" in the reader's language.
        if (view.Shows(ReferralField.FirstName) && referral.Person is { } person)
        {
            data["firstName"] = person.FirstNameOrInitials;
        }

        if (view.Shows(ReferralField.Timeline))
        {
            data["timeline"] = new JsonArray(referral.History.Select(e => (JsonNode)new JsonObject
            {
                ["label"] = cards.Text(language, "states." + e.State),
                ["atText"] = CopenhagenDates.DateAndTime(e.At, language),
            }).ToArray());
        }

        return data;
    }

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
