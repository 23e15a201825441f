namespace PartnerHub.Bench;

/// <summary>
/// Starting PartnerHub's API out of process as every mode runs it: Release build, Development anonymous (Playground)
/// mode on loopback, demo data, the outbox loop with <c>--outbox</c> or where the mode delivers (two instances, the soak). Tables carry a prefix ("bench" unless a mode needs its own data), so
/// a shared Azurite's other data stays apart; two instances with the same prefix share one storage account's data.
/// </summary>
public static class ApiInstances
{
    public const string TablePrefix = "bench";

    public static async Task<ServerProcess> StartAsync(BenchOptions options, string name, string logName, string tablePrefix = TablePrefix, bool deliver = false)
    {
        var port = ServerProcess.FreePort();
        var server = await ServerProcess.StartAsync(
            name, "dotnet", [options.ApiDll], Path.GetDirectoryName(options.ApiDll)!,
            new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
                ["Storage__ConnectionString"] = BenchStorage.DevelopmentStorage,
                ["Storage__TablePrefix"] = tablePrefix,
                ["Demo__Seed"] = "true",
                ["Outbox__Enabled"] = options.Outbox || deliver ? "true" : "false",
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            },
            port, Path.Combine(options.OutputDirectory, "logs", logName), TimeSpan.FromSeconds(90));
        Console.Error.WriteLine($"[bench] {name} (pid {server.Pid}) at {server.BaseUrl}");
        return server;
    }

    /// <summary>The bare minimal API answering the help invoke from memory with <paramref name="cardPath"/> (bench/PartnerHub.Bench.Ceiling).</summary>
    public static async Task<ServerProcess> StartCeilingAsync(BenchOptions options, string cardPath)
    {
        var port = ServerProcess.FreePort();
        var server = await ServerProcess.StartAsync(
            "ceiling (bare ASP.NET Core)", "dotnet", [options.CeilingDll], Path.GetDirectoryName(options.CeilingDll)!,
            new Dictionary<string, string>
            {
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
                ["CARD_PATH"] = cardPath,
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            },
            port, Path.Combine(options.OutputDirectory, "logs", "ceiling.log"), TimeSpan.FromSeconds(30));
        Console.Error.WriteLine($"[bench] ceiling (pid {server.Pid}) at {server.BaseUrl}");
        return server;
    }
}
