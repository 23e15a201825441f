using Microsoft.Extensions.Options;

namespace PartnerHub.Teams.Protocol;

/// <summary>
/// The serviceUrls the bot's token may be sent to. A URL becomes trusted only when the host calls
/// <see cref="Trust"/> after a valid inbound token and it matches the allow-list, so a forged or
/// attacker-chosen serviceUrl never receives the token (SSRF / token exfiltration guard).
/// </summary>
public sealed class TrustedServiceUrls : ITrustedServiceUrls
{
    private readonly string[] _allowedPrefixes;
    private readonly bool _allowLoopback;
    private readonly int _capacity;
    private readonly Lock _gate = new();
    private readonly HashSet<string> _trusted = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public TrustedServiceUrls(IOptions<BotAuthenticationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        _allowLoopback = o.AllowLoopbackHttp;
        _capacity = Math.Max(1, o.MaxTrustedServiceUrls);
        // Prefixes are compared in normalised form but keep their trailing '/', so
        // "https://smba.trafficmanager.net/" never matches "https://smba.trafficmanager.net.evil.example/".
        _allowedPrefixes = o.AllowedServiceUrls
            .Select(p => ServiceUrl.Normalize(p) is { } n && p.EndsWith('/') ? n + "/" : null)
            .OfType<string>()
            .Where(p => p.StartsWith("https://", StringComparison.Ordinal))
            .ToArray();
    }

    public bool Trust(string serviceUrl)
    {
        if (!IsAllowed(serviceUrl, out var normalized))
        {
            return false;
        }

        lock (_gate)
        {
            if (_trusted.Add(normalized))
            {
                _order.Enqueue(normalized);
                // Bounded: the oldest entry goes first. A real bot sees a handful of regional URLs.
                while (_trusted.Count > _capacity)
                {
                    _trusted.Remove(_order.Dequeue());
                }
            }
        }

        return true;
    }

    public bool IsTrusted(string serviceUrl)
    {
        // Re-checking the allow-list costs nothing and keeps the rule in one place should the set ever be seeded.
        if (!IsAllowed(serviceUrl, out var normalized))
        {
            return false;
        }

        lock (_gate)
        {
            return _trusted.Contains(normalized);
        }
    }

    private bool IsAllowed(string? serviceUrl, out string normalized)
    {
        normalized = ServiceUrl.Normalize(serviceUrl) ?? "";
        if (normalized.Length == 0 || !Uri.TryCreate(normalized, UriKind.Absolute, out var uri))
        {
            return false;
        }

        if (_allowLoopback && uri.Host is "localhost" or "127.0.0.1")
        {
            return true;
        }

        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            return false;
        }

        var withSlash = normalized + "/";
        foreach (var prefix in _allowedPrefixes)
        {
            if (withSlash.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
