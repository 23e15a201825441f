using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Storage;

/// <summary>
/// Storage continuation tokens as handed to a client (a card's "next page", REST's continuationToken): encrypted and
/// authenticated with ASP.NET Core Data Protection under a purpose naming the list and the person (project, object id,
/// role, organisation). So a token works only for the list and the person it was made for; an edited, made-up or
/// someone else's token is refused, never passed to storage. Every feature's paging goes through here.
/// </summary>
public sealed class ContinuationTokens(IDataProtectionProvider provider)
{
    private const string Purpose = "PartnerHub.ContinuationToken.v1";
    private const int MaxLength = 4096;

    public string Protect(Actor actor, string list, string storageToken) =>
        Protector(actor, list).Protect(storageToken);

    /// <summary>The storage token inside, or null when the token is not one this list made for this person.</summary>
    public string? Unprotect(Actor actor, string list, string token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxLength)
        {
            return null;
        }

        try
        {
            return Protector(actor, list).Unprotect(token) is { Length: > 0 } inner ? inner : null;
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }

    private IDataProtector Protector(Actor actor, string list)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return provider.CreateProtector(Purpose, list, actor.ProjectId, actor.ObjectId, actor.Role.ToString(), actor.OrganisationId ?? "-");
    }
}
