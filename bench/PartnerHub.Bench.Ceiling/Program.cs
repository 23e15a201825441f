using System.Text.Json;

// The ceiling beside PartnerHub in the benchmark: what this machine allows for the help invoke (scenario b) with no bot
// framework, no storage and no rendering. It reads and parses the activity as any bot must, checks that it is an
// Action.Execute invoke, and writes the invoke response with the very card PartnerHub rendered (CARD_PATH), serialised
// once at start. Loopback only: ASPNETCORE_URLS is set by the benchmark to http://127.0.0.1:PORT.
var cardPath = Environment.GetEnvironmentVariable("CARD_PATH")
    ?? throw new InvalidOperationException("CARD_PATH must name the card's JSON file.");
using var card = JsonDocument.Parse(await File.ReadAllBytesAsync(cardPath));
var answer = JsonSerializer.SerializeToUtf8Bytes(new
{
    statusCode = 200,
    type = "application/vnd.microsoft.card.adaptive",
    value = card.RootElement,
});

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapGet("/health", () => "ok");
app.MapPost("/api/messages", async (HttpContext http) =>
{
    using var activity = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
    var root = activity.RootElement;
    var isExecute = root.TryGetProperty("type", out var type) && type.ValueEquals("invoke")
        && root.TryGetProperty("value", out var value) && value.TryGetProperty("action", out var action)
        && action.TryGetProperty("type", out var actionType) && actionType.ValueEquals("Action.Execute");
    if (!isExecute)
    {
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        return;
    }

    http.Response.ContentType = "application/json; charset=utf-8";
    http.Response.ContentLength = answer.Length;
    await http.Response.Body.WriteAsync(answer, http.RequestAborted);
});
await app.RunAsync();
