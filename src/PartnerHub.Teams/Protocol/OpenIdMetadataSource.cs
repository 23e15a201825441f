using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace PartnerHub.Teams.Protocol;

/// <summary>
/// One OpenID metadata document and its signing keys, cached by a <see cref="ConfigurationManager{T}"/>.
/// A forced refresh (unknown kid) builds a fresh manager and awaits its first fetch, because the
/// manager's own RequestRefresh only refreshes in the background and would answer with the stale keys.
/// </summary>
internal sealed class OpenIdMetadataSource : IDisposable
{
    private readonly string _url;
    private readonly Func<ConfigurationManager<OpenIdConnectConfiguration>> _factory;
    private readonly TimeProvider _time;
    private readonly TimeSpan _minForcedInterval;
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private ConfigurationManager<OpenIdConnectConfiguration> _manager;
    private DateTimeOffset? _lastForcedRefresh;

    public OpenIdMetadataSource(string url, Func<ConfigurationManager<OpenIdConnectConfiguration>> factory, TimeProvider time, TimeSpan minForcedInterval)
    {
        _url = url;
        _factory = factory;
        _time = time;
        _minForcedInterval = minForcedInterval;
        _manager = factory();
    }

    public string Url => _url;

    public void Dispose() => _refreshGate.Dispose();

    public Task<OpenIdConnectConfiguration> GetAsync(CancellationToken cancellationToken) =>
        Volatile.Read(ref _manager).GetConfigurationAsync(cancellationToken);

    /// <summary>Fetches the document again unless that happened within the rate limit. True when new keys were loaded.</summary>
    public async Task<bool> ForceRefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshGate.WaitAsync(cancellationToken);
        try
        {
            var now = _time.GetUtcNow();
            if (_lastForcedRefresh is { } last && now - last < _minForcedInterval)
            {
                return false;
            }

            _lastForcedRefresh = now;
            var fresh = _factory();
            await fresh.GetConfigurationAsync(cancellationToken);
            Volatile.Write(ref _manager, fresh);
            return true;
        }
        finally
        {
            _refreshGate.Release();
        }
    }
}
