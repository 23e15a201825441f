using System.Text;

namespace PartnerHub.Api.Privacy;

/// <summary>Who asks. Project roles are members of the project the request names; the others are not.</summary>
public enum AccessRole
{
    /// <summary>No token, or one that fails validation (for a signed link: no valid signature).</summary>
    Anonymous,
    Coordinator,
    NeighbourhoodMother,
    PartnerStaff,
    Teacher,

    /// <summary>The app role PartnerHub.Admin, and no membership of the project asked about.</summary>
    Administrator,

    /// <summary>Appointed by an administrator to read the combined report of her projects; no membership of the project asked about.</summary>
    ProgrammeLead,

    /// <summary>A coordinator of another project, naming this project or its records.</summary>
    OtherProjectMember,

    /// <summary>Someone of the municipality's tenant in no project at all (card actions).</summary>
    Newcomer,

    /// <summary>Whoever holds a link PartnerHub signed for this very record (calendar files, certificates).</summary>
    LinkHolder,
}

/// <summary>What the row expects.</summary>
public enum AccessOutcome
{
    /// <summary>Let through to the feature, which answers as it does for any allowed caller.</summary>
    Allowed,

    /// <summary>REST: 401 with problem details, nothing read.</summary>
    Unauthorized,

    /// <summary>REST: 403 with problem details, nothing read or changed.</summary>
    Forbidden,

    /// <summary>REST or link: 404, the record's existence not confirmed.</summary>
    NotFound,

    /// <summary>Card action: an error card (or the not-in-a-project card) in her language, nothing changed.</summary>
    ErrorCard,

    /// <summary>Tab: the page is not in her navigation and asking for it shows her own first page (or none).</summary>
    NotShown,
}

/// <summary>Where a request comes in.</summary>
public enum SurfaceKind
{
    /// <summary>An HTTP endpoint, named "METHOD /route/pattern" as routing knows it.</summary>
    Endpoint,

    /// <summary>A card action verb, sent to POST /api/messages by Teams.</summary>
    CardVerb,

    /// <summary>A page of the tab (/dashboard), chosen inside the page by the tab's one rule.</summary>
    TabPage,
}

/// <summary>One surface with a plain-language description of what it gives or changes.</summary>
public sealed record AccessSurface(SurfaceKind Kind, string Name, string Description);

/// <summary>One row: this role, at this surface, gets this answer.</summary>
public sealed record AccessRow(AccessSurface Surface, AccessRole Role, AccessOutcome Expected)
{
    public override string ToString() => $"{Surface.Name} as {Role} → {Expected}";
}

/// <summary>
/// The access matrix: every HTTP endpoint, card verb and tab page, each role, and the answer that role gets. Tests
/// enumerate the real host's endpoints and verbs against it (nothing without rows) and exercise every row against the
/// real host; docs/privacy.md renders it with <see cref="ToMarkdown"/>. The rows themselves are in AccessMatrixRows*.cs.
/// </summary>
public static partial class AccessMatrix
{
    /// <summary>Every row, in the order of the surfaces.</summary>
    public static IReadOnlyList<AccessRow> Rows { get; } = Build();

    /// <summary>Every surface, once each.</summary>
    public static IReadOnlyList<AccessSurface> Surfaces { get; } = [.. Rows.Select(r => r.Surface).Distinct()];

    /// <summary>The matrix as a Markdown table per kind of surface, for a data protection officer to read.</summary>
    public static string ToMarkdown()
    {
        var text = new StringBuilder();
        foreach (var kind in Enum.GetValues<SurfaceKind>())
        {
            var surfaces = Surfaces.Where(s => s.Kind == kind).ToList();
            var roles = Rows.Where(r => r.Surface.Kind == kind).Select(r => r.Role).Distinct().Order().ToList();
            text.Append("### ").Append(Heading(kind)).Append("\n\n");
            text.Append("| ").Append(kind == SurfaceKind.CardVerb ? "Verb" : kind == SurfaceKind.TabPage ? "Page" : "Endpoint")
                .Append(" | What it does | ").AppendJoin(" | ", roles.Select(RoleName)).Append(" |\n");
            text.Append("| --- | --- |").Append(string.Concat(roles.Select(_ => " :---: |"))).Append('\n');
            foreach (var surface in surfaces)
            {
                text.Append("| `").Append(surface.Name).Append("` | ").Append(surface.Description.Replace("|", "\\|", StringComparison.Ordinal)).Append(" |");
                foreach (var role in roles)
                {
                    var row = Rows.FirstOrDefault(r => r.Surface == surface && r.Role == role);
                    text.Append(' ').Append(row is null ? "–" : Cell(row.Expected)).Append(" |");
                }

                text.Append('\n');
            }

            text.Append('\n');
        }

        text.Append("Allowed: let through to the feature, which shows only what the role may see. 401, 403, 404: refused with that ")
            .Append("HTTP status and problem details. Error card: refused on the card, nothing changed. Not shown: the tab shows her own ")
            .Append("first page instead. –: the role cannot reach this surface in that way (no row).\n");
        return text.ToString();
    }

    private static string Heading(SurfaceKind kind) => kind switch
    {
        SurfaceKind.Endpoint => "HTTP endpoints",
        SurfaceKind.CardVerb => "Card actions (Teams)",
        _ => "Tab pages",
    };

    private static string RoleName(AccessRole role) => role switch
    {
        AccessRole.NeighbourhoodMother => "Neighbourhood mother",
        AccessRole.PartnerStaff => "Partner staff",
        AccessRole.ProgrammeLead => "Programme lead",
        AccessRole.OtherProjectMember => "Other project's coordinator",
        AccessRole.LinkHolder => "Holder of the signed link",
        AccessRole.Newcomer => "In no project",
        _ => role.ToString(),
    };

    private static string Cell(AccessOutcome outcome) => outcome switch
    {
        AccessOutcome.Allowed => "allowed",
        AccessOutcome.Unauthorized => "401",
        AccessOutcome.Forbidden => "403",
        AccessOutcome.NotFound => "404",
        AccessOutcome.ErrorCard => "error card",
        _ => "not shown",
    };
}
