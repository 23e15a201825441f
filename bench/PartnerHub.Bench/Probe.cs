using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace PartnerHub.Bench;

/// <summary>
/// One request of each scenario before any load, checked for the right answer, so a misconfigured run stops at
/// once instead of timing errors. PartnerHub's (b) answer also gives the help card the peer sends.
/// </summary>
public static class Probe
{
    /// <param name="requireCard">Whether the scenarios include (b), whose card the peer and the ceiling send.</param>
    public static async Task<JsonObject> PartnerHubAsync(ServerProcess server, FakeConnector connector, IReadOnlyList<Scenario> scenarios, TimeSpan timeout, bool requireCard = true)
    {
        JsonObject? card = null;
        foreach (var scenario in scenarios)
        {
            // Demo data is seeded as the host starts: the referral scenario may need a moment (bounded).
            var body = await UntilAcceptedAsync(server, connector, scenario, timeout);
            if (scenario.Key == "b")
            {
                card = JsonNode.Parse(body)?["value"] as JsonObject;
            }
        }

        return card ?? (requireCard ? throw new InvalidOperationException("PartnerHub's help.language answer carried no card.") : []);
    }

    public static async Task PeerAsync(ServerProcess server, FakeConnector connector, IReadOnlyList<Scenario> scenarios)
    {
        foreach (var scenario in scenarios)
        {
            await UntilAcceptedAsync(server, connector, scenario, TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>What the peer's runtime said about itself: its versions and any warnings it printed.</summary>
    public static IEnumerable<string> PeerNotes(string logPath)
    {
        var lines = File.Exists(logPath) ? File.ReadAllLines(logPath) : [];
        var banner = lines.FirstOrDefault(l => l.StartsWith("[peer] botbuilder", StringComparison.Ordinal));
        if (banner is not null)
        {
            yield return "Peer: " + banner["[peer] ".Length..].Split(" listening", 2)[0] +
                " (npm `botbuilder`, CloudAdapter + ConfigurationBotFrameworkAuthentication without an app id; bench/node/echo-card-bot.js).";
        }

        var warnings = lines.Where(l => l.Contains("Warning", StringComparison.OrdinalIgnoreCase) || l.StartsWith("(node:", StringComparison.Ordinal))
            .Distinct().Take(10).ToList();
        yield return warnings.Count == 0
            ? "The peer's Node runtime printed no warnings."
            : "The peer's Node runtime printed: " + string.Join(" / ", warnings.Select(w => "`" + w.Trim() + "`"));
        var errors = lines.Count(l => l.StartsWith("[peer] turn error", StringComparison.Ordinal));
        if (errors > 0)
        {
            yield return $"The peer logged {errors} turn errors (see {Path.GetFileName(logPath)}).";
        }
    }

    private static async Task<byte[]> UntilAcceptedAsync(ServerProcess server, FakeConnector connector, Scenario scenario, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var clock = Stopwatch.StartNew();
        var why = "";
        while (clock.Elapsed < timeout)
        {
            var repliesBefore = connector.Calls;
            using var content = new ByteArrayContent(scenario.Body(-1));
            content.Headers.ContentType = new("application/json");
            using var response = await PostOrNullAsync(http, server.MessagesUrl, content);
            if (response is null)
            {
                // One slow answer (Azurite pausing) is not a wrong one: ask again within the bound.
                why = "no answer within 10 s";
                continue;
            }

            var body = await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode == HttpStatusCode.OK)
            {
                scenario.Observer?.Invoke(body);
            }

            if (response.StatusCode == HttpStatusCode.OK
                && (scenario.RepliesThroughConnector ? connector.Calls == repliesBefore + 1 : scenario.Accepts(body)))
            {
                return body;
            }

            why = $"HTTP {(int)response.StatusCode}, {body.Length} bytes, {connector.Calls - repliesBefore} Connector calls";
            await Task.Delay(500);
        }

        throw new InvalidOperationException($"{server.Name} never answered scenario ({scenario.Key}) correctly ({why}); see {server.LogPath}.");
    }

    private static async Task<HttpResponseMessage?> PostOrNullAsync(HttpClient http, Uri url, HttpContent content)
    {
        try
        {
            return await http.PostAsync(url, content);
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }
}
