using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PartnerHub.Api.Partners;
using PartnerHub.Core.Partners;
using PartnerHub.Teams.Cards;

namespace PartnerHub.Api.Bot;

/// <summary>Settings for people PartnerHub does not know yet (section <c>Administration</c>).</summary>
public sealed class NewcomerOptions
{
    /// <summary>
    /// Whom to ask when her tenant has no project yet, e.g. "IT-afdelingen, it@kommune.dk". Shown as plain text on
    /// the card (card data, never a template). Unset: the strings' "your municipality's IT department".
    /// </summary>
    public string? Contact { get; set; }
}

/// <summary>
/// Someone who writes to the bot but is in no project's directory: instead of help, welcome or a generic error she is
/// told she is not part of a project yet and whom to ask — the coordinators (first names, as in the directory) of her
/// tenant's projects, or, when her tenant has none, PartnerHub's administrators. Keyed reads only; nothing about her is logged.
/// </summary>
public sealed class Newcomers(ICallerDirectory callers, ProjectStore projects, DirectoryStore directory, CardCatalog cards, IOptions<NewcomerOptions> options)
{
    public const int MaxContactLength = 200;

    /// <summary>True when the person is in no project (or cannot be looked up: no tenant or object id).</summary>
    public async Task<bool> IsNewcomerAsync(string? tenantId, string? objectId, CancellationToken cancellationToken) =>
        tenantId is not { Length: > 0 } || objectId is not { Length: > 0 }
        || (await callers.MembershipsAsync(tenantId, objectId, cancellationToken)).Count == 0;

    /// <summary>The "not part of a project yet" card, in her language.</summary>
    public async Task<JsonObject> CardAsync(string? tenantId, string language, CancellationToken cancellationToken)
    {
        var data = new JsonObject();
        var asked = new JsonArray();
        foreach (var project in await projects.ProjectsOfTenantAsync(tenantId ?? string.Empty, cancellationToken))
        {
            var names = (await directory.MembersAsync(project.Id, ProjectRole.Coordinator, cancellationToken))
                .Select(member => member.FirstName)
                .Order(StringComparer.CurrentCulture)
                .ToList();
            if (names.Count > 0)
            {
                asked.Add(new JsonObject { ["name"] = project.Name, ["coordinators"] = Join(names, cards.Text(language, "notInProject.and")) });
            }
        }

        if (asked.Count > 0)
        {
            data["projects"] = asked;
        }
        else
        {
            data["contact"] = Contact(options.Value.Contact) ?? cards.Text(language, "notInProject.defaultContact");
        }

        return cards.Render("not-in-project", data, language);
    }

    /// <summary>The configured contact, trimmed; null when unset or unusable (too long, control characters).</summary>
    internal static string? Contact(string? configured)
    {
        var text = configured?.Trim();
        return string.IsNullOrEmpty(text) || text.Length > MaxContactLength || text.Any(char.IsControl) ? null : text;
    }

    /// <summary>"Alex", "Alex og Sara", "Alex, Sara og Yasmin".</summary>
    private static string Join(List<string> names, string and) =>
        names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " " + and + " " + names[^1];
}
