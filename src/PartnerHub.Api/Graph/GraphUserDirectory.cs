using System.Collections.Concurrent;
using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;

namespace PartnerHub.Api.Graph;

/// <summary>
/// Entra object id ↔ mail address, as Graph's events need addresses and PartnerHub knows people by object id.
/// Cached for the life of the process: addresses change rarely, and every invitation would otherwise cost a lookup
/// per attendee. The cache holds no more than the directory already tells every colleague.
/// </summary>
public sealed class GraphUserDirectory(GraphServiceClient graph)
{
    private static readonly string[] UserFields = ["id", "mail", "userPrincipalName"];

    private readonly ConcurrentDictionary<string, string> _addressByObjectId = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string> _objectIdByAddress = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>GET /users/{id}?$select=id,mail,userPrincipalName; mail when the account has a mailbox address, else the UPN.</summary>
    public async Task<string> AddressOfAsync(string objectId, CancellationToken cancellationToken)
    {
        if (_addressByObjectId.TryGetValue(objectId, out var cached))
        {
            return cached;
        }

        var user = await graph.Users[objectId].GetAsync(request => request.QueryParameters.Select = UserFields, cancellationToken)
            ?? throw new InvalidOperationException("Graph returned no user for an attendee object id.");
        var address = user.Mail is { Length: > 0 } mail ? mail : user.UserPrincipalName
            ?? throw new InvalidOperationException("The attendee's account has neither a mail address nor a user principal name.");
        Remember(user.Id ?? objectId, address, user.UserPrincipalName);
        return address;
    }

    /// <summary>
    /// The object id behind an attendee's address: from the cache, else GET /users?$filter=mail eq '…' or
    /// userPrincipalName eq '…' with the address as an escaped literal. Null for someone outside the directory.
    /// </summary>
    public async Task<string?> ObjectIdOfAsync(string address, CancellationToken cancellationToken)
    {
        if (_objectIdByAddress.TryGetValue(address, out var cached))
        {
            return cached;
        }

        var literal = ODataLiteral.Quote(address);
        try
        {
            var found = await graph.Users.GetAsync(
                request =>
                {
                    request.QueryParameters.Filter = $"mail eq {literal} or userPrincipalName eq {literal}";
                    request.QueryParameters.Select = UserFields;
                    request.QueryParameters.Top = 1;
                },
                cancellationToken);
            if (found?.Value is [{ Id: { } id } user, ..])
            {
                Remember(id, user.Mail is { Length: > 0 } mail ? mail : address, user.UserPrincipalName);
                _objectIdByAddress[address] = id;
                return id;
            }
        }
        catch (ODataError error) when (error.ResponseStatusCode == 400)
        {
            // An address Graph cannot even parse in a filter is certainly not one of the tenant's accounts.
        }

        return null;
    }

    private void Remember(string objectId, string address, string? userPrincipalName)
    {
        _addressByObjectId[objectId] = address;
        _objectIdByAddress[address] = objectId;
        if (userPrincipalName is { Length: > 0 })
        {
            _objectIdByAddress[userPrincipalName] = objectId;
        }
    }
}
