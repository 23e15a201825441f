namespace PartnerHub.Core.Supervision;

/// <summary>
/// The Outlook category that makes a meeting a supervision session: PartnerHub puts it in each coordinator's master
/// category list, she sets it on a meeting she made in Outlook, and PartnerHub adopts the meeting. One name in every
/// language: it is a label in her mailbox, matched exactly, so it never changes with her language choice.
/// </summary>
public static class OutlookCategory
{
    public const string Name = "PartnerHub – supervision";

    /// <summary>Outlook's preset colour for it (Graph <c>categoryColor</c>): preset9 is cranberry, near the app's accent.</summary>
    public const string Color = "preset9";

    public static bool IsOn(IEnumerable<string>? categories) =>
        categories is not null && categories.Any(c => string.Equals(c?.Trim(), Name, StringComparison.OrdinalIgnoreCase));
}
