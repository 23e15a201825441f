using PartnerHub.Api.Storage;

namespace PartnerHub.Api.Outreach;

/// <summary>Outreach entry ids: 16 lowercase base32 characters, random (the demo's are fixed, in the same alphabet).</summary>
public static class OutreachIds
{
    public static string New() => RandomIds.New();

    public static bool IsValid(string? id) => RandomIds.IsValid(id);
}
