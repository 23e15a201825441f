using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace PartnerHub.Teams.Tests.Protocol;

/// <summary>An IHttpClientFactory for unit tests that construct protocol types by hand.</summary>
internal sealed class PlainHttpClientFactory : IHttpClientFactory
{
    public HttpClient CreateClient(string name) => new();
}

/// <summary>Hand-built JWTs for the forgeries a library would refuse to create.</summary>
internal static class RawJwt
{
    public static string Segment(JsonObject json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json.ToJsonString()));

    public static JsonObject DecodeSegment(string segment) => JsonNode.Parse(Base64UrlEncoder.Decode(segment))!.AsObject();
}

/// <summary>
/// Fixed "now"; timers up to <see cref="ShortTimerLimit"/> fire at once (retry back-off) and their due
/// times are recorded; longer timers (the timeouts) run on the real clock and so never fire in a test.
/// </summary>
internal sealed class InstantDelayTimeProvider(DateTimeOffset now) : TimeProvider
{
    public static readonly TimeSpan ShortTimerLimit = TimeSpan.FromMinutes(10);

    private readonly List<TimeSpan> _delays = [];

    public IReadOnlyList<TimeSpan> ShortTimerDueTimes
    {
        get
        {
            lock (_delays)
            {
                return [.. _delays];
            }
        }
    }

    public override DateTimeOffset GetUtcNow() => now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime > TimeSpan.Zero && dueTime <= ShortTimerLimit)
        {
            lock (_delays)
            {
                _delays.Add(dueTime);
            }

            return System.CreateTimer(callback, state, TimeSpan.Zero, period);
        }

        return System.CreateTimer(callback, state, dueTime, period);
    }
}
