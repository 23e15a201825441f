using Azure.Core;
using Azure.Core.Pipeline;

namespace PartnerHub.Api.Storage;

/// <summary>
/// Extra Azure SDK pipeline policies for every storage client the host builds (tables, queues, the staging blobs),
/// added per call, i.e. in front of the SDK's own retries. Nothing registers one in production; the fault tests add a
/// policy that fails one call in N, so the host's answer to storage trouble is tested on its real clients.
/// </summary>
public sealed class StorageClientPolicies
{
    public IList<HttpPipelinePolicy> PerCall { get; } = [];

    /// <summary>Any other client option, e.g. the SDK's retries turned off so a test of an outage does not wait them out.</summary>
    public Action<ClientOptions>? Configure { get; set; }

    internal void AddTo(ClientOptions options)
    {
        Configure?.Invoke(options);
        foreach (var policy in PerCall)
        {
            options.AddPolicy(policy, HttpPipelinePosition.PerCall);
        }
    }
}
