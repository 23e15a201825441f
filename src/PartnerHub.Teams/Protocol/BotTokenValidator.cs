using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace PartnerHub.Teams.Protocol;

/// <summary>
/// Validates inbound Bot Framework / Entra tokens following "Authenticate requests from the Bot Connector
/// service to your bot" (see README.md in this folder). Failure reasons are fixed phrases: no token
/// content, claim value or library message (which may carry PII) ever reaches them.
/// </summary>
public sealed partial class BotTokenValidator : IBotTokenValidator, IDisposable
{
    /// <summary>Tokens larger than this are refused unread; real Connector tokens are ~1-2 KB.</summary>
    internal const int MaxTokenLength = 16 * 1024;

    private const string ServiceUrlClaim = "serviceurl";
    private const string HttpClientName = "PartnerHub.OpenIdMetadata";

    private readonly BotAuthenticationOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<BotTokenValidator> _logger;
    private readonly OpenIdMetadataSource[] _sources;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly ValidatedTokens _validated = new();

    public BotTokenValidator(
        IOptions<BotAuthenticationOptions> options,
        IHttpClientFactory httpClientFactory,
        TimeProvider time,
        ILogger<BotTokenValidator> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        _options = options.Value;
        _time = time;
        _logger = logger;
        _sources = _options.OpenIdMetadataUrls
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(url => new OpenIdMetadataSource(
                url,
                () => new ConfigurationManager<OpenIdConnectConfiguration>(
                    url,
                    new OpenIdConnectConfigurationRetriever(),
                    new HttpDocumentRetriever(httpClientFactory.CreateClient(HttpClientName)) { RequireHttps = _options.RequireHttpsMetadata })
                {
                    AutomaticRefreshInterval = _options.MetadataAutomaticRefreshInterval,
                },
                time,
                _options.MetadataForcedRefreshInterval))
            .ToArray();
    }

    internal static string MetadataHttpClientName => HttpClientName;

    public void Dispose()
    {
        foreach (var source in _sources)
        {
            source.Dispose();
        }
    }

    public Task<TokenValidationOutcome> ValidateAsync(string? authorizationHeader, string? activityServiceUrl, CancellationToken cancellationToken) =>
        ValidateAsync(authorizationHeader, activityServiceUrl, null, cancellationToken);

    public async Task<TokenValidationOutcome> ValidateAsync(string? authorizationHeader, string? activityServiceUrl, string? activityChannelId, CancellationToken cancellationToken)
    {
        var token = await ValidateTokenAsync(authorizationHeader, cancellationToken);
        return token.IsValid ? BindToActivity(token, activityServiceUrl, activityChannelId) : token;
    }

    public async Task<TokenValidationOutcome> ValidateTokenAsync(string? authorizationHeader, CancellationToken cancellationToken)
    {
        var outcome = await ValidateTokenCoreAsync(authorizationHeader, cancellationToken);
        if (!outcome.IsValid)
        {
            LogRejected(_logger, outcome.FailureReason);
        }

        return outcome;
    }

    public TokenValidationOutcome BindToActivity(TokenValidationOutcome token, string? activityServiceUrl, string? activityChannelId)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (!token.IsValid || token.Identity is null || token.Binding is not { } binding)
        {
            return TokenValidationOutcome.Invalid(token.FailureReason ?? "token not validated");
        }

        var outcome = BindCore(token.Identity, binding, activityServiceUrl, activityChannelId);
        if (!outcome.IsValid)
        {
            LogRejected(_logger, outcome.FailureReason);
        }

        return outcome;
    }

    /// <summary>The token on its own: shape, algorithm, issuer, key, signature, audience and lifetime.</summary>
    private async Task<TokenValidationOutcome> ValidateTokenCoreAsync(string? header, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(_options.AppId))
        {
            return TokenValidationOutcome.Invalid("bot app id not configured");
        }

        if (BearerToken(header, out var token) is { } notBearer)
        {
            return notBearer;
        }

        var now = _time.GetUtcNow().UtcDateTime;
        if (_validated.Find(token, now, _options.EffectiveClockSkew) is { } known)
        {
            if (await IsCurrentKeyAsync(known, ct))
            {
                // A copy of the identity, so no request can change what the next one is handed.
                return TokenValidationOutcome.Valid(known.Outcome.Identity!.Clone()) with { Binding = known.Outcome.Binding };
            }

            _validated.Forget(token);
        }

        if (ReadToken(token, out var unverified) is { } unreadable)
        {
            return unreadable;
        }

        if (CheckHeader(unverified) is { } refused)
        {
            return refused;
        }

        // Bot Framework tokens are checked only with Bot Framework keys, Entra tokens only with Entra keys.
        var isBotFramework = string.Equals(unverified.Issuer, BotAuthenticationOptions.BotFrameworkIssuer, StringComparison.Ordinal);
        var key = await FindSigningKeyAsync(unverified.Kid, isBotFramework, ct);
        if (key is null)
        {
            return TokenValidationOutcome.Invalid("signing key not found");
        }

        TokenValidationResult result;
        try
        {
            result = await _handler.ValidateTokenAsync(token, ValidationParameters(key));
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or JsonException or SecurityTokenException)
        {
            return TokenValidationOutcome.Invalid("malformed token");
        }

        if (!result.IsValid || result.ClaimsIdentity is null)
        {
            return TokenValidationOutcome.Invalid(Describe(result.Exception));
        }

        var outcome = TokenValidationOutcome.Valid(result.ClaimsIdentity) with
        {
            Binding = new ActivityBinding(isBotFramework, isBotFramework ? Endorsements(key) : null),
        };
        _validated.Remember(token, new ValidatedTokens.Entry(outcome with { Identity = result.ClaimsIdentity.Clone() }, result.SecurityToken.ValidTo, unverified.Kid, isBotFramework, key), now, _options.EffectiveClockSkew);
        return outcome;
    }

    /// <summary>Whether the key that verified a remembered token is still the one its kid names in the metadata now.</summary>
    private async Task<bool> IsCurrentKeyAsync(ValidatedTokens.Entry known, CancellationToken ct)
    {
        var keys = await GetKeysAsync(known.IsBotFramework, ct);
        return keys.Exists(k => string.Equals(k.Kid, known.Kid, StringComparison.Ordinal) && ReferenceEquals(k, known.Key));
    }

    /// <summary>Rule 1: "Bearer" (case-insensitive per RFC 7235) and one credential; null when so.</summary>
    private static TokenValidationOutcome? BearerToken(string? header, out string token)
    {
        token = string.Empty;
        if (header is null)
        {
            return TokenValidationOutcome.Invalid("missing Authorization header");
        }

        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return TokenValidationOutcome.Invalid("Authorization header is not a Bearer token");
        }

        token = header[scheme.Length..].Trim();
        if (token.Length == 0 || token.Length > MaxTokenLength || token.Any(char.IsWhiteSpace))
        {
            return TokenValidationOutcome.Invalid("Authorization header is not a Bearer token");
        }

        return null;
    }

    /// <summary>Rule 2: a readable JWS; null when so.</summary>
    private TokenValidationOutcome? ReadToken(string token, out JsonWebToken unverified)
    {
        unverified = null!;

        // Read unvalidated only to pick keys; nothing read here is trusted yet. The reader throws a different
        // exception for each way a token can be unreadable (a JWE's segments throw FormatException, for one):
        // whichever it is, the caller sent something that is not a token, which is a 401, never a 500.
        try
        {
            unverified = _handler.ReadJsonWebToken(token);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return TokenValidationOutcome.Invalid("malformed token");
        }
    }

    /// <summary>Rule 6 and the issuer, from the unverified header and payload; null when they may be checked further.</summary>
    private TokenValidationOutcome? CheckHeader(JsonWebToken unverified)
    {
        // The metadata advertises RS256 only. Refusing every other alg up front closes
        // "alg: none" and the RS/HS confusion (public key used as an HMAC secret).
        if (!string.Equals(unverified.Alg, SecurityAlgorithms.RsaSha256, StringComparison.Ordinal))
        {
            return TokenValidationOutcome.Invalid("signing algorithm not allowed");
        }

        if (unverified.IsEncrypted || string.IsNullOrEmpty(unverified.Kid))
        {
            return TokenValidationOutcome.Invalid("token has no key id");
        }

        return _options.ValidIssuers.Contains(unverified.Issuer, StringComparer.Ordinal)
            ? null
            : TokenValidationOutcome.Invalid("issuer not accepted");
    }

    private async Task<JsonWebKey?> FindSigningKeyAsync(string kid, bool isBotFramework, CancellationToken ct)
    {
        var key = (await GetKeysAsync(isBotFramework, ct)).FirstOrDefault(k => string.Equals(k.Kid, kid, StringComparison.Ordinal));
        if (key is null && await ForceRefreshAsync(ct))
        {
            // Key rotation: fetch the documents once more (rate-limited), then give up.
            key = (await GetKeysAsync(isBotFramework, ct)).FirstOrDefault(k => string.Equals(k.Kid, kid, StringComparison.Ordinal));
        }

        return key;
    }

    private TokenValidationParameters ValidationParameters(JsonWebKey key) => new()
    {
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        IssuerSigningKeys = [key],
        TryAllIssuerSigningKeys = false,
        RequireSignedTokens = true,
        ValidateIssuer = true,
        ValidIssuers = _options.ValidIssuers,
        ValidateAudience = true,
        // Rule 4: the audience is the App ID and nothing else. IdentityModel alone accepts a list that merely
        // contains it, i.e. a token issued to another app as well.
        AudienceValidator = (audiences, _, _) => IsExactlyThisBot(audiences),
        RequireAudience = true,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        ClockSkew = _options.EffectiveClockSkew,
        // Our own lifetime check so the clock is the injected TimeProvider (tests control time).
        LifetimeValidator = ValidateLifetime,
        ValidateIssuerSigningKey = false,  // JWKS keys carry no validity period of their own to check.
        SaveSigninToken = false,
    };

    private bool IsExactlyThisBot(IEnumerable<string> audiences)
    {
        using var each = audiences.GetEnumerator();
        return each.MoveNext() && string.Equals(each.Current, _options.AppId, StringComparison.Ordinal) && !each.MoveNext();
    }

    /// <summary>The token bound to the activity it came with: key endorsements (rule for channels) and rule 7 (serviceurl).</summary>
    private TokenValidationOutcome BindCore(ClaimsIdentity identity, ActivityBinding binding, string? activityServiceUrl, string? channelId)
    {
        // Endorsements: a Bot Framework key that lists channels must list this activity's channel.
        if (binding.Endorsements is { } endorsements)
        {
            var channel = string.IsNullOrWhiteSpace(channelId) ? _options.DefaultChannelId : channelId;
            if (!endorsements.Contains(channel, StringComparer.Ordinal))
            {
                return TokenValidationOutcome.Invalid("signing key not endorsed for channel");
            }
        }

        // Rule 7: the serviceurl claim binds the token to the activity's serviceUrl.
        var serviceUrlClaim = identity.Claims.FirstOrDefault(c => string.Equals(c.Type, ServiceUrlClaim, StringComparison.OrdinalIgnoreCase))?.Value;
        if (serviceUrlClaim is not null)
        {
            return ServiceUrl.AreEquivalent(serviceUrlClaim, activityServiceUrl)
                ? TokenValidationOutcome.Valid(identity)
                : TokenValidationOutcome.Invalid("serviceurl claim does not match the activity");
        }

        if (binding.IsBotFramework)
        {
            return TokenValidationOutcome.Invalid("serviceurl claim missing");
        }

        // Entra token without serviceurl: the documented emulator/self-token path requires the token
        // to have been obtained with the bot's own credentials (appid v1 / azp v2 == App ID).
        return IssuedToThisBot(identity)
            ? TokenValidationOutcome.Valid(identity)
            : TokenValidationOutcome.Invalid("Entra token not issued to this bot");
    }

    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        // Rule 5: exp is required; nbf and exp are honoured with at most the documented 5 minutes of skew.
        if (expires is not { } exp)
        {
            throw new SecurityTokenNoExpirationException("exp missing");
        }

        var now = _time.GetUtcNow().UtcDateTime;
        var skew = parameters.ClockSkew;
        if (notBefore is { } nbf && nbf > exp)
        {
            throw new SecurityTokenInvalidLifetimeException("nbf after exp");
        }

        if (notBefore is { } start && start > now + skew)
        {
            throw new SecurityTokenNotYetValidException("not yet valid");
        }

        if (exp < now - skew)
        {
            throw new SecurityTokenExpiredException("expired");
        }

        return true;
    }

    private bool IssuedToThisBot(ClaimsIdentity identity)
    {
        var version = identity.FindFirst("ver")?.Value;
        var appIdClaim = version == "2.0" ? "azp" : "appid";
        return string.Equals(identity.FindFirst(appIdClaim)?.Value, _options.AppId, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<List<JsonWebKey>> GetKeysAsync(bool botFramework, CancellationToken ct)
    {
        var keys = new List<JsonWebKey>();
        foreach (var source in _sources)
        {
            OpenIdConnectConfiguration config;
            try
            {
                config = await source.GetAsync(ct);
            }
            catch (InvalidOperationException ex)
            {
                // One unreachable document must not block tokens the other one can verify.
                LogMetadataUnavailable(_logger, source.Url, ex.GetType().Name);
                continue;
            }

            var fromBotFramework = string.Equals(config.Issuer, BotAuthenticationOptions.BotFrameworkIssuer, StringComparison.Ordinal);
            if (fromBotFramework != botFramework || config.JsonWebKeySet is null)
            {
                continue;
            }

            keys.AddRange(config.JsonWebKeySet.Keys.Where(k =>
                string.Equals(k.Kty, JsonWebAlgorithmsKeyTypes.RSA, StringComparison.Ordinal)
                && (k.Use is null || string.Equals(k.Use, JsonWebKeyUseNames.Sig, StringComparison.Ordinal))));
        }

        return keys;
    }

    private async Task<bool> ForceRefreshAsync(CancellationToken ct)
    {
        var refreshed = false;
        foreach (var source in _sources)
        {
            try
            {
                refreshed |= await source.ForceRefreshAsync(ct);
            }
            catch (InvalidOperationException ex)
            {
                LogMetadataUnavailable(_logger, source.Url, ex.GetType().Name);
            }
        }

        return refreshed;
    }

    /// <summary>The key's "endorsements" (Bot Framework JWKS extension), or null when the key has none.</summary>
    internal static IReadOnlyList<string>? Endorsements(JsonWebKey key)
    {
        if (!key.AdditionalData.TryGetValue("endorsements", out var value) || value is null)
        {
            return null;
        }

        return value switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray()
                .Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList(),
            string single => [single],
            System.Collections.IEnumerable items => items.Cast<object?>().Select(o => o?.ToString()).OfType<string>().ToList(),
            _ => [],
        };
    }

    private static string Describe(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => "token expired",
        SecurityTokenNotYetValidException => "token not yet valid",
        SecurityTokenNoExpirationException => "token has no expiry",
        SecurityTokenInvalidLifetimeException => "token lifetime invalid",
        SecurityTokenInvalidAudienceException => "audience not accepted",
        SecurityTokenInvalidIssuerException => "issuer not accepted",
        SecurityTokenInvalidAlgorithmException => "signing algorithm not allowed",
        SecurityTokenSignatureKeyNotFoundException => "signing key not found",
        SecurityTokenInvalidSignatureException => "signature invalid",
        SecurityTokenMalformedException => "malformed token",
        _ => "token rejected",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbound bot token rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OpenID metadata {Url} unavailable ({ErrorType})")]
    private static partial void LogMetadataUnavailable(ILogger logger, string url, string errorType);
}
