using System.Text.Json.Nodes;
using PartnerHub.Teams.Cards;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Reach;

/// <summary>Someone on the report: her first name and role as the directory lists them, and why she cannot be reached.</summary>
public sealed record UnreachablePerson(string FirstName, ProjectRole Role, UnreachableReason Reason);

/// <summary>The coordinators' reach report card (cards/reach-report.card.json), in the reader's language.</summary>
public sealed class ReachViews(CardCatalog cards)
{
    public JsonObject? Report(IReadOnlyList<UnreachablePerson> people, string language)
    {
        ArgumentNullException.ThrowIfNull(people);
        var data = new JsonObject();
        if (people.Count > 0)
        {
            var list = new JsonArray();
            foreach (var person in people.OrderBy(p => p.FirstName, StringComparer.CurrentCulture))
            {
                list.Add(new JsonObject
                {
                    ["name"] = person.FirstName,
                    ["role"] = cards.Text(language, "directory.roles." + person.Role),
                    ["reason"] = cards.Text(language, "reach.reasons." + ReasonKey(person.Reason)),
                });
            }

            data["people"] = list;
        }

        return cards.Render("reach-report", data, language);
    }

    private static string ReasonKey(UnreachableReason reason) => reason switch
    {
        UnreachableReason.BlockedByPolicy => "blockedByPolicy",
        UnreachableReason.NoTeams => "noTeams",
        UnreachableReason.NotOpened => "notOpened",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
