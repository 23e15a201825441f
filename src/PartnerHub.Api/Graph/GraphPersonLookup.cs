using System.Globalization;
using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using PartnerHub.Api.People;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Graph;

/// <summary>
/// A chosen person in Entra: <c>GET /users/{id}?$select=id,givenName,userType,accountEnabled</c> (User.Read.All:
/// userType and accountEnabled are not in the basic profile). The id reaches the URL only as a GUID it parsed, and
/// only the given name is read about her, never mail or UPN. Any answer but the user or 404 throws
/// <see cref="PersonLookupUnavailableException"/> (after the SDK's retries of 429/503/504).
/// </summary>
public sealed class GraphPersonLookup(GraphServiceClient graph) : IPersonLookup
{
    private static readonly string[] Fields = ["id", "givenName", "userType", "accountEnabled"];

    public async Task<PersonLookupResult> FindAsync(string objectId, CancellationToken cancellationToken)
    {
        if (DirectoryForms.NormaliseObjectId(objectId) is not { } id)
        {
            return PersonLookupResult.NotFound.Instance;
        }

        try
        {
            var user = await graph.Users[id].GetAsync(request => request.QueryParameters.Select = Fields, cancellationToken);
            if (user is null)
            {
                return PersonLookupResult.NotFound.Instance;
            }

            var isGuest = string.Equals(user.UserType, "Guest", StringComparison.OrdinalIgnoreCase);
            // An account Graph does not say is disabled counts as enabled: the property is absent only without its permission.
            return new PersonLookupResult.Found(id, user.GivenName, isGuest, AccountEnabled: user.AccountEnabled is not false);
        }
        catch (ODataError error) when (error.ResponseStatusCode == 404)
        {
            return PersonLookupResult.NotFound.Instance;
        }
        catch (ApiException error)
        {
            // A missing permission or an outage is not "not in your organisation".
            throw new PersonLookupUnavailableException("graph" + error.ResponseStatusCode.ToString(CultureInfo.InvariantCulture), error);
        }
        catch (HttpRequestException error)
        {
            throw new PersonLookupUnavailableException("network", error);
        }
    }
}
