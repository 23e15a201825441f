using System.Globalization;
using System.Text.Json.Nodes;
using PartnerHub.Core.Partners;
using PartnerHub.Teams.Cards;

namespace PartnerHub.Api.Partners;

/// <summary>
/// The partner directory's cards as data: the coordinator's overview, the organisation form and the person form.
/// Every value a template binds is always present (missing values would render as their own binding).
/// </summary>
public sealed class DirectoryViews(CardCatalog cards)
{
    public const string OverviewCard = "directory";
    public const string OrganisationCard = "directory-organisation";
    public const string MemberCard = "directory-member";

    private static readonly StringComparer DanishOrder = StringComparer.Create(CultureInfo.GetCultureInfo("da-DK"), ignoreCase: true);

    public JsonObject Overview(Project project, IReadOnlyList<Organisation> organisations, IReadOnlyList<ProjectMember> members, string language, string? notice)
    {
        var names = organisations.ToDictionary(o => o.Id, o => o.Name, StringComparer.Ordinal);
        var data = new JsonObject
        {
            ["projectId"] = project.Id,
            ["projectName"] = project.Name,
            ["organisations"] = new JsonArray(organisations
                .OrderBy(o => o.Name, DanishOrder)
                .Select(o => (JsonNode)new JsonObject
                {
                    ["id"] = o.Id,
                    ["name"] = o.Name,
                    ["kindLabel"] = cards.Text(language, "directory.kinds." + o.Kind),
                    ["onward"] = o.ReceivesOnwardReferrals,
                })
                .ToArray()),
            // Grouped in the enum's order (coordinators first), empty roles left out.
            ["groups"] = new JsonArray(Enum.GetValues<ProjectRole>()
                .Select(role => (Role: role, People: members.Where(m => m.Role == role).OrderBy(m => m.FirstName, DanishOrder).ToList()))
                .Where(group => group.People.Count > 0)
                .Select(group => (JsonNode)new JsonObject
                {
                    ["label"] = cards.Text(language, "directory.roleGroups." + group.Role),
                    ["people"] = new JsonArray(group.People.Select(m => (JsonNode)new JsonObject
                    {
                        ["objectId"] = m.ObjectId,
                        ["firstName"] = m.FirstName,
                        ["organisationName"] = m.OrganisationId is { } id ? names.GetValueOrDefault(id, id) : string.Empty,
                    }).ToArray()),
                })
                .ToArray()),
        };
        AddNotice(data, notice);
        return cards.Render(OverviewCard, data, language);
    }

    /// <param name="etag">The organisation's version as read, sent back by save so it never overwrites a change made since.</param>
    public JsonObject OrganisationForm(string projectId, bool isNew, OrganisationInput values, IReadOnlyDictionary<string, string>? errors, string language, string? notice = null, string? etag = null)
    {
        var data = new JsonObject
        {
            ["projectId"] = projectId,
            ["isNew"] = isNew,
            ["etag"] = etag ?? string.Empty,
            ["values"] = new JsonObject
            {
                ["id"] = values.Id ?? string.Empty,
                ["name"] = values.Name ?? string.Empty,
                ["kind"] = values.Kind ?? string.Empty,
                ["receivesOnwardReferrals"] = values.ReceivesOnwardReferrals == "true" ? "true" : "false",
            },
            ["kinds"] = new JsonArray(Enum.GetValues<OrganisationKind>()
                .Select(kind => (JsonNode)Choice(cards.Text(language, "directory.kinds." + kind), kind.ToString())).ToArray()),
            ["errors"] = ErrorTexts(errors, language),
        };
        AddNotice(data, notice);
        return cards.Render(OrganisationCard, data, language);
    }

    /// <summary>
    /// The person form. A new person is chosen with Teams' people picker (the card's <c>objectId</c> input); a form
    /// shown again keeps the person chosen, under the first name typed, unless the choice itself was refused. An
    /// existing person is shown by her name: her object id is only in the actions' data, never shown to people.
    /// </summary>
    /// <param name="etag">The listed person's ETag, sent back by save and remove so neither overwrites a change made since.</param>
    public JsonObject MemberForm(string projectId, bool isNew, MemberInput values, IReadOnlyList<Organisation> organisations, IReadOnlyDictionary<string, string>? errors, string language, string? notice = null, string? etag = null)
    {
        var firstName = values.FirstName ?? string.Empty;
        var chosen = isNew && errors?.ContainsKey(PersonEligibility.Field) != true ? DirectoryForms.NormaliseObjectId(values.ObjectId) : null;
        var objectId = isNew ? chosen : values.ObjectId;
        var data = new JsonObject
        {
            ["projectId"] = projectId,
            ["isNew"] = isNew,
            ["etag"] = etag ?? string.Empty,
            ["chosen"] = chosen is null
                ? new JsonArray()
                : new JsonArray(Choice(firstName.Trim().Length > 0 ? firstName.Trim() : cards.Text(language, "directory.member.chosenPerson"), chosen)),
            ["storedName"] = firstName,
            ["values"] = new JsonObject
            {
                ["objectId"] = objectId ?? string.Empty,
                ["role"] = values.Role ?? string.Empty,
                ["organisationId"] = values.OrganisationId ?? string.Empty,
                ["firstName"] = firstName,
            },
            ["roles"] = new JsonArray(Enum.GetValues<ProjectRole>()
                .Select(role => (JsonNode)Choice(cards.Text(language, "directory.roles." + role), role.ToString())).ToArray()),
            ["organisations"] = new JsonArray(organisations
                .OrderBy(o => o.Name, DanishOrder)
                .Select(o => (JsonNode)Choice(o.Name, o.Id)).ToArray()),
            ["errors"] = ErrorTexts(errors, language),
            ["removeText"] = isNew ? string.Empty : string.Format(CultureInfo.InvariantCulture, cards.Text(language, "directory.member.removeConfirmText"), firstName),
        };
        AddNotice(data, notice);
        return cards.Render(MemberCard, data, language);
    }

    private JsonObject ErrorTexts(IReadOnlyDictionary<string, string>? errors, string language)
    {
        var texts = new JsonObject();
        foreach (var (field, path) in errors ?? new Dictionary<string, string>())
        {
            texts[field] = cards.Text(language, path);
        }

        return texts;
    }

    private static void AddNotice(JsonObject data, string? notice)
    {
        if (notice is not null)
        {
            data["notice"] = notice;
        }
    }

    private static JsonObject Choice(string title, string value) => new() { ["title"] = title, ["value"] = value };
}
