using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Polly.Timeout;

namespace PartnerHub.Teams.Protocol;

/// <summary>
/// Bot Connector REST v3 (the subset PartnerHub uses). Every call first checks the serviceUrl against
/// <see cref="ITrustedServiceUrls"/> and only then asks for the bot's token, so the token never leaves
/// for an address that did not arrive in a validated activity.
/// </summary>
public sealed class ConnectorClient : IConnectorClient
{
    private readonly HttpClient _http;
    private readonly ITrustedServiceUrls _trusted;
    private readonly IBotAppTokenProvider _tokens;

    public ConnectorClient(HttpClient http, ITrustedServiceUrls trusted, IBotAppTokenProvider tokens)
    {
        _http = http;
        _trusted = trusted;
        _tokens = tokens;
    }

    public Task<ResourceResponse> ReplyToActivityAsync(Activity inReplyTo, Activity reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inReplyTo);
        ArgumentNullException.ThrowIfNull(reply);
        var serviceUrl = Required(inReplyTo.ServiceUrl, "inReplyTo.ServiceUrl");
        var conversationId = Required(inReplyTo.Conversation?.Id, "inReplyTo.Conversation.Id");
        var activityId = Required(inReplyTo.Id, "inReplyTo.Id");
        reply.ReplyToId ??= activityId;
        return SendAsync(HttpMethod.Post, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}",
            reply, ProtocolJsonContext.Default.Activity, ProtocolJsonContext.Default.ResourceResponse, cancellationToken);
    }

    public Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return SendAsync(HttpMethod.Post, serviceUrl, $"v3/conversations/{Escape(Required(conversationId, nameof(conversationId)))}/activities",
            activity, ProtocolJsonContext.Default.Activity, ProtocolJsonContext.Default.ResourceResponse, cancellationToken);
    }

    public Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        activity.Id ??= activityId;
        return SendAsync(HttpMethod.Put, serviceUrl,
            $"v3/conversations/{Escape(Required(conversationId, nameof(conversationId)))}/activities/{Escape(Required(activityId, nameof(activityId)))}",
            activity, ProtocolJsonContext.Default.Activity, ProtocolJsonContext.Default.ResourceResponse, cancellationToken);
    }

    public Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return SendAsync(HttpMethod.Post, serviceUrl, "v3/conversations",
            parameters, ProtocolJsonContext.Default.ConversationParameters, ProtocolJsonContext.Default.ConversationResourceResponse, cancellationToken);
    }

    private async Task<TResponse> SendAsync<TRequest, TResponse>(
        HttpMethod method, string serviceUrl, string relativePath, TRequest body,
        JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
        where TResponse : new()
    {
        // SSRF rule: refuse before building a request or fetching a token.
        if (string.IsNullOrWhiteSpace(serviceUrl) || !_trusted.IsTrusted(serviceUrl) || ServiceUrl.Normalize(serviceUrl) is not { } baseUrl)
        {
            throw new UntrustedServiceUrlException();
        }

        var token = await _tokens.GetTokenAsync(cancellationToken);
        using var request = new HttpRequestMessage(method, new Uri($"{baseUrl}/{relativePath}", UriKind.Absolute))
        {
            Content = JsonContent.Create(body, requestType),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new ConnectorException(null, "timeout", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new ConnectorException(null, "network", ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new ConnectorException((int)response.StatusCode, await ReadErrorCodeAsync(response, cancellationToken));
            }

            // Some Connector operations answer 200/201/202 with an empty body.
            if (response.Content.Headers.ContentLength == 0)
            {
                return new TResponse();
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return bytes.Length == 0 ? new TResponse() : JsonSerializer.Deserialize(bytes, responseType) ?? new TResponse();
        }
    }

    /// <summary>The Connector's error.code only, restricted to a short identifier: the message may quote user content.</summary>
    private static async Task<string?> ReadErrorCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (bytes.Length is 0 or > 64 * 1024)
            {
                return null;
            }

            using var doc = JsonDocument.Parse(bytes);
            if (doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
                && code.GetString() is { Length: > 0 and <= 64 } value
                && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                return value;
            }
        }
        catch (JsonException)
        {
            // Not JSON: no code to report.
        }

        return null;
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private static string Required(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"{name} is required.", name) : value;
}
