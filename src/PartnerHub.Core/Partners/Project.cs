using System.Text.RegularExpressions;

namespace PartnerHub.Core.Partners;

/// <summary>
/// One local Bydelsmødre project (e.g. Vollsmose): the unit of ownership and the storage partition.
/// Everything a coordinator, mother or partner sees belongs to exactly one project.
/// </summary>
public sealed partial record Project(string Id, string Name, string Municipality, string FixedPlace)
{
    /// <summary>
    /// Project ids become partition keys and URL segments, so they are plain: lowercase letters, digits and
    /// hyphens, 3-40 characters, starting with a letter.
    /// </summary>
    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    [GeneratedRegex("^[a-z][a-z0-9-]{2,39}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex IdPattern();
}
