using System.Text.RegularExpressions;
using PartnerHub.Core.Localization;

namespace PartnerHub.Core.Partners;

/// <summary>
/// One local Bydelsmødre project (e.g. Vollsmose): the unit of ownership and the storage partition.
/// Everything a coordinator, mother or partner sees belongs to exactly one project.
/// </summary>
public sealed partial record Project(string Id, string Name, string Municipality, string FixedPlace)
{
    /// <summary>The housing areas the project covers: a referral's area is chosen from these, never typed.</summary>
    public IReadOnlyList<string> Areas { get; init; } = [];

    /// <summary>The Entra tenant (the municipality) whose people work in this project.</summary>
    public string TenantId { get; init; } = string.Empty;

    /// <summary>The language of the project's cards and pages for anyone who has not chosen her own: Danish unless set.</summary>
    public string Language { get; init; } = Languages.Danish;

    public bool Equals(Project? other) =>
        other is not null && Id == other.Id && Name == other.Name && Municipality == other.Municipality
        && FixedPlace == other.FixedPlace && TenantId == other.TenantId && Language == other.Language && Areas.SequenceEqual(other.Areas);

    public override int GetHashCode() => HashCode.Combine(Id, Name, Municipality, FixedPlace, Areas.Count);

    /// <summary>The id pattern's upper bound, for the forms' fields.</summary>
    public const int MaxIdLength = 40;

    /// <summary>
    /// Project ids become partition keys and URL segments, so they are plain: lowercase letters, digits and
    /// hyphens, 3-40 characters, starting with a letter.
    /// </summary>
    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    [GeneratedRegex(@"^[a-z][a-z0-9-]{2,39}\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex IdPattern();
}
