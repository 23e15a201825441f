using System.Text.Json.Nodes;

namespace PartnerHub.Api.Tests;

/// <summary>
/// The runtime settings the API ships with (its runtimeconfig.json, from PartnerHub.Api.csproj). The tests' own host
/// runs under the test project's settings, so the file is what proves the deployed process gets them.
/// </summary>
public sealed class RuntimeSettingsTests
{
    [Fact]
    public void The_API_ships_with_thread_pool_spinning_off()
    {
        var properties = ConfigProperties();

        Assert.True(properties.ContainsKey("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit"), "the spin limit is not in the API's runtimeconfig.json");
        Assert.Equal("0", properties["System.Threading.ThreadPool.UnfairSemaphoreSpinLimit"]!.ToString());
    }

    private static JsonObject ConfigProperties()
    {
        // Copied beside the tests with the API's assembly, as for any referenced executable.
        var path = Path.Combine(AppContext.BaseDirectory, "PartnerHub.Api.runtimeconfig.json");
        var config = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        return config["runtimeOptions"]!["configProperties"]!.AsObject();
    }
}
