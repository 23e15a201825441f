using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PartnerHub.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Drives the Playground the way its own web page does, without a browser: the same HTTP calls
/// (recorded from the page) and the same two websockets the page listens on.
/// <list type="bullet">
/// <item><c>/_ws_conversation/v1/conversations/stream</c>: what the chat shows (createMessage / updateMessage actions).</item>
/// <item><c>/_ws/log/stream</c>: the log panel, including every activity sent to the bot and the bot's HTTP answer.</item>
/// </list>
/// The Playground has no HTTP endpoint to read a conversation back; these streams are the only way.
/// Connect before anything is sent: with no listener it buffers events and hands them all to the next one to connect.
/// </summary>
public sealed class PlaygroundClient : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly EventStream _chat;
    private readonly EventStream _log;

    private PlaygroundClient(HttpClient http, EventStream chat, EventStream log)
    {
        _http = http;
        _chat = chat;
        _log = log;
    }

    public static TimeSpan Patience { get; } = TimeSpan.FromSeconds(60);

    public static async Task<PlaygroundClient> ConnectAsync(Uri baseAddress)
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = Patience };
        var ws = new UriBuilder(baseAddress) { Scheme = "ws" }.Uri;
        var chat = await EventStream.ConnectAsync(new Uri(ws, "_ws_conversation/v1/conversations/stream"), "chat");
        var log = await EventStream.ConnectAsync(new Uri(ws, "_ws/log/stream"), "log");
        return new PlaygroundClient(http, chat, log);
    }

    /// <summary>GET /_internal/v1/config: the mock tenant, users, bot and chats the page builds itself from.</summary>
    public async Task<JsonNode> GetConfigAsync() =>
        await _http.GetFromJsonAsync<JsonNode>("_internal/v1/config")
        ?? throw new InvalidOperationException("The Playground returned no config.");

    /// <summary>What the page does on every load: installationUpdate (add), then conversationUpdate (members added).</summary>
    public async Task InstallAsync(string conversationId)
    {
        using var response = await _http.PostAsJsonAsync($"_debug/conversation/{conversationId}/installation", new JsonObject());
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The user types a message; returns the Playground's id for it.</summary>
    public async Task<string> SendTextAsync(string conversationId, string userId, string text)
    {
        var body = new JsonObject
        {
            ["type"] = "text",
            ["text"] = text,
            ["textFormat"] = "plain",
            ["from"] = new JsonObject { ["id"] = userId },
        };
        using var response = await _http.PostAsJsonAsync($"_conversation/v1/conversations/{conversationId}/messages", body);
        var raw = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Sending a message failed with {(int)response.StatusCode}: {raw}");
        }

        var answer = JsonNode.Parse(raw);
        return answer.StringAt("messageId") ?? throw new InvalidOperationException($"No messageId in {answer}.");
    }

    /// <summary>The user clicks an Action.Execute on the card in message <paramref name="replyToId"/>; returns the bot's invoke answer as relayed.</summary>
    public async Task<JsonNode> ExecuteAsync(string conversationId, string userId, string replyToId, JsonNode action)
    {
        var body = new JsonObject
        {
            ["name"] = "adaptiveCard/action",
            ["value"] = new JsonObject { ["action"] = action.DeepClone() },
            ["from"] = new JsonObject { ["id"] = userId },
            ["conversation"] = new JsonObject { ["id"] = conversationId },
            ["replyToId"] = replyToId,
        };
        using var response = await _http.PostAsJsonAsync("_conversation/v1/invoke", body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Invoke failed with {(int)response.StatusCode}: {text}");
        }

        return JsonNode.Parse(text) ?? throw new InvalidOperationException("Empty invoke answer.");
    }

    /// <summary>
    /// The Playground's own activity for a conversation (GET /_internal/v1/customActivities/template): its serviceUrl,
    /// channel, conversation (type, tenant), the bot as recipient, the current user as sender, a new id and timestamp.
    /// </summary>
    public async Task<JsonObject> ActivityTemplateAsync(string conversationId) =>
        await _http.GetFromJsonAsync<JsonObject>($"_internal/v1/customActivities/template?conversationId={Uri.EscapeDataString(conversationId)}")
        ?? throw new InvalidOperationException("The Playground returned no activity template.");

    /// <summary>
    /// "Mock an activity" (POST /_internal/v1/customActivities): the Playground posts the JSON to the bot as it is, from any
    /// sender, and answers 200 before the bot does. The bot's answer shows only on the log stream; an invoke's answer does
    /// not replace the card in the Playground's chat.
    /// </summary>
    public async Task SendCustomActivityAsync(JsonNode activity)
    {
        using var response = await _http.PostAsJsonAsync("_internal/v1/customActivities", activity);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The custom activity was refused with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Chat events so far (createMessage, updateMessage, typing).</summary>
    public IReadOnlyList<JsonNode> ChatEvents => _chat.Events;

    /// <summary>Messages the bot has posted into <paramref name="conversationId"/> so far.</summary>
    public IReadOnlyList<JsonNode> BotMessages(string conversationId, string botId) =>
        _chat.Events
            .Where(e => e.StringAt("action") == "createMessage"
                && e.StringAt("actionConversationId") == conversationId
                && e.StringAt("message", "from", "id") == botId)
            .Select(e => e.At("message")!)
            .ToList();

    public Task<JsonNode> WaitForBotMessageAsync(string conversationId, string botId, Func<JsonNode, bool> predicate, string what) =>
        WaitForAsync(() => BotMessages(conversationId, botId).FirstOrDefault(predicate), what, _chat);

    /// <summary>
    /// Every version of message <paramref name="messageId"/> that the bot put in place of the old one so far
    /// (PUT /v3/conversations/{id}/activities/{activityId}, shown as updateMessage on the chat stream), oldest first.
    /// An invoke's answer replaces the card too, but the Playground sends no event for that.
    /// </summary>
    public IReadOnlyList<JsonNode> MessageUpdates(string conversationId, string messageId) =>
        _chat.Events
            .Where(e => e.StringAt("action") == "updateMessage"
                && e.StringAt("actionConversationId") == conversationId
                && e.StringAt("message", "messageId") == messageId)
            .Select(e => e.At("message")!)
            .ToList();

    public Task<JsonNode> WaitForMessageUpdateAsync(string conversationId, string messageId, Func<JsonNode, bool> predicate, string what) =>
        WaitForAsync(() => MessageUpdates(conversationId, messageId).FirstOrDefault(predicate), what, _chat);

    /// <summary>The log entry for an activity the Playground sent the bot, once the bot has answered it.</summary>
    public Task<JsonNode> WaitForBotAnswerAsync(string activityName, Func<JsonNode, bool>? predicate = null) =>
        WaitForExchangeAsync("User Application", activityName, predicate, $"the bot's answer to {activityName}");

    /// <summary>The log entry for a call the bot made to the Playground's connector (a reply, an update), once answered.</summary>
    public Task<JsonNode> WaitForBotCallAsync(string activityName, Func<JsonNode, bool>? predicate = null) =>
        WaitForExchangeAsync("Microsoft 365 Agents Playground", activityName, predicate, $"the bot's {activityName} to the connector");

    private Task<JsonNode> WaitForExchangeAsync(string to, string activityName, Func<JsonNode, bool>? predicate, string what) =>
        WaitForAsync(
            () => _log.Events
                .Select(e => e.At("log"))
                .FirstOrDefault(l => l is not null
                    && l.StringAt("activityName") == activityName
                    && l.StringAt("to") == to
                    && l.At("response") is not null
                    && (predicate?.Invoke(l) ?? true)),
            what,
            _log);

    public async ValueTask DisposeAsync()
    {
        await _chat.DisposeAsync();
        await _log.DisposeAsync();
        _http.Dispose();
    }

    private static async Task<JsonNode> WaitForAsync(Func<JsonNode?> find, string what, EventStream stream)
    {
        using var cancellation = new CancellationTokenSource(Patience);
        while (true)
        {
            var changed = stream.Changed;
            if (find() is { } found)
            {
                return found;
            }

            try
            {
                await changed.WaitAsync(cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Gave up waiting for {what}. Every event received is in {stream.Save()}.");
            }
        }
    }

    /// <summary>One websocket, every JSON event kept in order, and a signal when one arrives.</summary>
    private sealed class EventStream : IAsyncDisposable
    {
        private readonly ClientWebSocket _socket;
        private readonly CancellationTokenSource _stop = new();
        private readonly Lock _lock = new();
        private readonly List<JsonNode> _events = [];
        private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private Task _receiving = Task.CompletedTask;

        private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
        private readonly string _name;

        private EventStream(ClientWebSocket socket, string name)
        {
            _socket = socket;
            _name = name;
        }

        public IReadOnlyList<JsonNode> Events
        {
            get
            {
                lock (_lock)
                {
                    return [.. _events];
                }
            }
        }

        public Task Changed
        {
            get
            {
                lock (_lock)
                {
                    return _changed.Task;
                }
            }
        }

        public static async Task<EventStream> ConnectAsync(Uri uri, string name)
        {
            var socket = new ClientWebSocket();
            await socket.ConnectAsync(uri, CancellationToken.None);
            var stream = new EventStream(socket, name);
            stream._receiving = Task.Run(stream.ReceiveAsync);
            return stream;
        }

        /// <summary>Writes every event received to artifacts/e2e for diagnosis; returns the file's path.</summary>
        public string Save()
        {
            var path = Path.Combine(RepoPaths.Artifacts, $"playground-{_name}-events.json");
            File.WriteAllText(path, new JsonArray([.. Events.Select(e => e.DeepClone())]).ToJsonString(Indented));
            return path;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            try
            {
                await _receiving;
            }
            catch (OperationCanceledException)
            {
                // Expected: the stop above.
            }

            _socket.Dispose();
            _stop.Dispose();
        }

        private async Task ReceiveAsync()
        {
            var buffer = new byte[64 * 1024];
            using var message = new MemoryStream();
            try
            {
                while (_socket.State == WebSocketState.Open)
                {
                    var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    message.Write(buffer, 0, result.Count);
                    if (!result.EndOfMessage)
                    {
                        continue;
                    }

                    var node = JsonNode.Parse(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length));
                    message.SetLength(0);
                    if (node is null)
                    {
                        continue;
                    }

                    TaskCompletionSource signal;
                    lock (_lock)
                    {
                        _events.Add(node);
                        signal = _changed;
                        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    }

                    signal.SetResult();
                }
            }
            catch (WebSocketException)
            {
                // The Playground went away (end of test); what was received stays readable.
            }
        }
    }
}
