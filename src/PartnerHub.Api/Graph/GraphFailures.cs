using Microsoft.Kiota.Abstractions;
using PartnerHub.Api.Storage.Outbox;

namespace PartnerHub.Api.Graph;

/// <summary>Turns Graph's "this will never work" answers into a permanent failure (so the coordinator is told at once); the rest are retried.</summary>
internal static class GraphFailures
{
    public static async Task RunAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (ApiException e) when (e.ResponseStatusCode is 400 or 401 or 403 or 404 or 409)
        {
            throw new OutboxDeliveryException("graph" + e.ResponseStatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), permanent: true);
        }
        catch (ApiException e) when (e.ResponseStatusCode > 0)
        {
            throw new OutboxDeliveryException("graph" + e.ResponseStatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), e);
        }
    }
}
