using System.Text.Json.Nodes;
using PartnerHub.Api.Tests.Manifest;

namespace PartnerHub.Api.Tests.Infra;

/// <summary>
/// scripts/bicep-build.sh and scripts/check-parameters.sh: the offline steps an administrator runs before deploying.
/// The checker itself (check-parameters.mjs) is run against the template the fixture compiled.
/// </summary>
public sealed class DeploymentScriptsTests(BicepFixture bicep) : IClassFixture<BicepFixture>, IDisposable
{
    private const string BotAppId = "34d1ae6c-5b77-4bfc-9000-8517c0cca2aa";
    private readonly string _dir = Directory.CreateTempSubdirectory("partnerhub-params-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_committed_parameters_file_passes_with_the_bot_id_set_and_fails_naming_it_without()
    {
        var script = Path.Combine(ManifestTestSupport.RepoRoot, "scripts", "check-parameters.sh");

        var withId = ManifestTestSupport.Run("bash", [script], new Dictionary<string, string?> { ["PARTNERHUB_BOT_APP_ID"] = BotAppId });
        var withoutId = ManifestTestSupport.Run("bash", [script], new Dictionary<string, string?> { ["PARTNERHUB_BOT_APP_ID"] = null });

        Assert.True(withId.ExitCode == 0, withId.ToString());
        Assert.Contains("OK", withId.StandardOutput, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(ManifestTestSupport.RepoRoot, "artifacts", "infra", "main.json")));
        Assert.Equal(1, withoutId.ExitCode);
        Assert.Contains("botAppId", withoutId.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Good_parameters_pass()
    {
        var result = Check(Parameters());

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Theory]
    [InlineData("botAppId", "not-a-guid", "botAppId")]
    [InlineData("botTenantId", "00000000-0000-0000-0000-000000000000", "botTenantId")]
    [InlineData("location", "eastus", "location")]
    [InlineData("environmentName", "Prod", "environmentName")]
    [InlineData("environmentName", "p", "environmentName")]
    [InlineData("publicBaseUrl", "http://partnerhub.odense.dk", "publicBaseUrl")]
    [InlineData("publicBaseUrl", "https://partnerhub.odense.dk/", "publicBaseUrl")]
    [InlineData("botClientSecret", "s3cret", "botClientSecret")]
    [InlineData("calendarLinkSigningKey", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "calendarLinkSigningKey")]
    [InlineData("unknownSetting", "x", "unknownSetting")]
    [InlineData("graphClientId", "partnerhub-graph", "graphClientId")]
    [InlineData("teamsAppCatalogId", "com.partnerhub.app", "teamsAppCatalogId")]
    public void A_wrong_value_fails_naming_the_parameter(string name, string value, string named)
    {
        var parameters = Parameters();
        parameters[name] = new JsonObject { ["value"] = value };

        var result = Check(parameters);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"check-parameters: {named}:", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void The_app_catalog_id_needs_graph_and_both_pass_together()
    {
        var alone = Parameters();
        alone["teamsAppCatalogId"] = new JsonObject { ["value"] = "4c1f0a2e-5b6d-4e7f-8a9b-0c1d2e3f4a5b" };
        var withGraph = Parameters();
        withGraph["teamsAppCatalogId"] = new JsonObject { ["value"] = "4c1f0a2e-5b6d-4e7f-8a9b-0c1d2e3f4a5b" };
        withGraph["graphClientId"] = new JsonObject { ["value"] = BotAppId };
        withGraph["administrationContact"] = new JsonObject { ["value"] = "IT-afdelingen, it@kommune.dk" };

        var aloneResult = Check(alone);
        var withGraphResult = Check(withGraph);

        Assert.Equal(1, aloneResult.ExitCode);
        Assert.Contains("teamsAppCatalogId: installing PartnerHub for people needs Graph", aloneResult.StandardError, StringComparison.Ordinal);
        Assert.True(withGraphResult.ExitCode == 0, withGraphResult.ToString());
    }

    [Fact]
    public void A_missing_required_value_fails()
    {
        var parameters = Parameters();
        parameters.Remove("environmentName");

        var result = Check(parameters);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("environmentName: required", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void A_client_secret_anywhere_in_the_file_fails_and_a_key_vault_reference_does_not()
    {
        var leaked = Parameters();
        leaked["tags"] = new JsonObject { ["value"] = new JsonObject { ["note"] = "abc8Q~" + new string('x', 34) } };
        var referenced = Parameters();
        referenced["botClientSecret"] = new JsonObject
        {
            ["reference"] = new JsonObject { ["keyVault"] = new JsonObject { ["id"] = "/subscriptions/x/resourceGroups/y/providers/Microsoft.KeyVault/vaults/z" }, ["secretName"] = "bot-client-secret" },
        };

        var leakedResult = Check(leaked);
        var referencedResult = Check(referenced);

        Assert.Equal(1, leakedResult.ExitCode);
        Assert.Contains("Entra client secret", leakedResult.StandardError, StringComparison.Ordinal);
        Assert.True(referencedResult.ExitCode == 0, referencedResult.ToString());
    }

    [Fact]
    public void A_secret_written_into_a_bicepparam_fails()
    {
        var source = Path.Combine(_dir, "prod.bicepparam");
        File.WriteAllText(source, "using './main.bicep'\nparam environmentName = 'prod'\nparam botAppId = '" + BotAppId + "'\nparam botClientSecret = 'hunter2'\n");

        var result = Check(Parameters(), source);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("botClientSecret: a secret written into", result.StandardError, StringComparison.Ordinal);
    }

    private static JsonObject Parameters() => new()
    {
        ["environmentName"] = new JsonObject { ["value"] = "prod" },
        ["location"] = new JsonObject { ["value"] = "swedencentral" },
        ["botAppId"] = new JsonObject { ["value"] = BotAppId },
        ["botTenantId"] = new JsonObject { ["value"] = "8f6c1d2e-3b4a-4c5d-9e8f-0a1b2c3d4e5f" },
        ["publicBaseUrl"] = new JsonObject { ["value"] = "https://partnerhub.odense.dk" },
        ["appServiceSkuName"] = new JsonObject { ["value"] = "P0v3" },
    };

    private ProcessResult Check(JsonObject parameters, string? source = null)
    {
        var template = Path.Combine(_dir, "main.json");
        File.WriteAllText(template, bicep.Template.ToJsonString());
        var file = Path.Combine(_dir, "parameters.json");
        File.WriteAllText(file, new JsonObject { ["parameters"] = parameters }.ToJsonString());
        string[] arguments = source is null
            ? [Path.Combine(ManifestTestSupport.RepoRoot, "scripts", "check-parameters.mjs"), template, file]
            : [Path.Combine(ManifestTestSupport.RepoRoot, "scripts", "check-parameters.mjs"), template, file, source];
        return ManifestTestSupport.Run("node", arguments);
    }
}
