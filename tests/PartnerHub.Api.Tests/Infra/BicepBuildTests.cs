using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using PartnerHub.Api.Tests.Manifest;

namespace PartnerHub.Api.Tests.Infra;

/// <summary>Compiles infra/main.bicep once with the offline Bicep CLI from NuGet.</summary>
public sealed class BicepFixture
{
    private const string PackageId = "Azure.Bicep.CommandLine.linux-x64";

    public BicepFixture()
    {
        Bicep = FindBicep();
        // --stdout keeps the compiled main.json out of infra/.
        Build = ManifestTestSupport.Run(Bicep, ["build", Path.Combine(InfraDir, "main.bicep"), "--stdout"]);
    }

    public static string InfraDir => Path.Combine(ManifestTestSupport.RepoRoot, "infra");

    public string Bicep { get; }

    internal ProcessResult Build { get; }

    public JsonNode Template
    {
        get
        {
            Assert.True(Build.ExitCode == 0, $"bicep build failed: {Build}");
            return JsonNode.Parse(Build.StandardOutput)!;
        }
    }

    /// <summary>Every resource of a type, including those inside module (nested deployment) templates.</summary>
    public IReadOnlyList<JsonObject> Resources(string type) =>
        [.. Descendants(Template).OfType<JsonObject>().Where(o => (string?)o["type"] is { } t && t.Equals(type, StringComparison.OrdinalIgnoreCase) && o["properties"] is not null)];

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject o => o.Select(kv => kv.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>().SelectMany(Descendants))
        {
            yield return child;
        }
    }

    private static string FindBicep()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            throw new PlatformNotSupportedException(
                $"The Bicep CLI package referenced here is {PackageId}; these tests run on linux-x64 (CI and the dev container).");
        }

        // The version comes from central package management, so an upgrade there is picked up here.
        var props = XDocument.Load(Path.Combine(ManifestTestSupport.RepoRoot, "Directory.Packages.props"));
        var version = props.Descendants("PackageVersion")
            .Single(e => (string?)e.Attribute("Include") == PackageId)
            .Attribute("Version")!.Value;

        var roots = new[]
        {
            Environment.GetEnvironmentVariable("NUGET_PACKAGES"),
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
        };
        var bicep = roots.OfType<string>()
            .Select(r => Path.Combine(r, PackageId.ToLowerInvariant(), version, "tools", "bicep"))
            .FirstOrDefault(File.Exists);
        Assert.True(bicep is not null, $"bicep {version} not found in the NuGet cache; run dotnet restore on the test project");

        // NuGet extraction does not always keep the execute bit.
        var mode = File.GetUnixFileMode(bicep);
        if (!mode.HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(bicep, mode | UnixFileMode.UserExecute);
        }

        return bicep;
    }
}

public sealed class BicepBuildTests(BicepFixture bicep) : IClassFixture<BicepFixture>
{
    [Fact]
    public void Main_bicep_compiles_without_errors_or_linter_warnings()
    {
        Assert.True(bicep.Build.ExitCode == 0, bicep.Build.ToString());
        // Diagnostics, linter warnings included, go to stderr; any of them fails the build here.
        Assert.True(string.IsNullOrWhiteSpace(bicep.Build.StandardError), bicep.Build.StandardError);
    }

    [Fact]
    public void Test_parameters_file_compiles()
    {
        var result = ManifestTestSupport.Run(
            bicep.Bicep,
            ["build-params", Path.Combine(BicepFixture.InfraDir, "main.bicepparam"), "--stdout"],
            new Dictionary<string, string?> { ["PARTNERHUB_BOT_APP_ID"] = "34d1ae6c-5b77-4bfc-9000-8517c0cca2aa" });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(string.IsNullOrWhiteSpace(result.StandardError), result.StandardError);
        var parameters = JsonNode.Parse((string)JsonNode.Parse(result.StandardOutput)!["parametersJson"]!)!["parameters"]!;
        Assert.Equal("test", (string?)parameters["environmentName"]!["value"]);
    }

    [Fact]
    public void Storage_is_private_tls12_and_entra_only()
    {
        var storage = Assert.Single(bicep.Resources("Microsoft.Storage/storageAccounts"))["properties"]!;

        Assert.False((bool)storage["allowBlobPublicAccess"]!);
        Assert.Equal("TLS1_2", (string?)storage["minimumTlsVersion"]);
        Assert.True((bool)storage["supportsHttpsTrafficOnly"]!);
        Assert.False((bool)storage["allowSharedKeyAccess"]!);
    }

    [Fact]
    public void Staged_files_wait_in_a_private_container_that_forgets_orphans_after_a_day()
    {
        var container = Assert.Single(bicep.Resources("Microsoft.Storage/storageAccounts/blobServices/containers"));
        Assert.Equal("None", (string?)container["properties"]!["publicAccess"]);

        var rule = Assert.Single(Assert.Single(bicep.Resources("Microsoft.Storage/storageAccounts/managementPolicies"))["properties"]!["policy"]!["rules"]!.AsArray())!;
        Assert.True((bool)rule["enabled"]!);
        var definition = rule["definition"]!;
        Assert.Equal(1, (int)definition["actions"]!["baseBlob"]!["delete"]!["daysAfterCreationGreaterThan"]!);
        // The prefix is the container's name (an ARM expression over the module parameter, default 'staging').
        Assert.Contains("stagingContainerName", definition["filters"]!["prefixMatch"]![0]!.ToString(), StringComparison.Ordinal);

        // The app is told where the blobs are, and reaches them with its managed identity (no keys: see the storage test).
        var settings = bicep.Template.ToJsonString();
        Assert.Contains("Storage__BlobServiceUri", settings, StringComparison.Ordinal);
    }

    [Fact]
    public void Web_app_is_https_only_on_dotnet_10_linux()
    {
        var site = Assert.Single(bicep.Resources("Microsoft.Web/sites"));
        var properties = site["properties"]!;

        Assert.True((bool)properties["httpsOnly"]!);
        Assert.Equal("DOTNETCORE|10.0", (string?)properties["siteConfig"]!["linuxFxVersion"]);
        Assert.Equal("Disabled", (string?)properties["siteConfig"]!["ftpsState"]);
        Assert.Equal("UserAssigned", (string?)site["identity"]!["type"]);
    }

    [Fact]
    public void App_Service_health_check_asks_the_readiness_endpoint()
    {
        var site = Assert.Single(bicep.Resources("Microsoft.Web/sites"));

        Assert.Equal(PartnerHub.Api.Health.HealthRegistration.ReadyPath, (string?)site["properties"]!["siteConfig"]!["healthCheckPath"]);
    }

    [Fact]
    public void Bot_is_single_tenant_with_teams_channel_and_messages_endpoint()
    {
        var bot = Assert.Single(bicep.Resources("Microsoft.BotService/botServices"));
        var endpoint = (string)bot["properties"]!["endpoint"]!;

        Assert.Equal("azurebot", (string?)bot["kind"]);
        Assert.Equal("SingleTenant", (string?)bot["properties"]!["msaAppType"]);
        // The endpoint is an ARM format() expression; its literal template must end with the bot route.
        Assert.Matches(@"^\[format\('https://\{0\}/api/messages',", endpoint);
        var channel = Assert.Single(bicep.Resources("Microsoft.BotService/botServices/channels"));
        Assert.Equal("MsTeamsChannel", (string?)channel["properties"]!["channelName"]);
        Assert.True((bool)channel["properties"]!["properties"]!["isEnabled"]!);
    }

    [Fact]
    public void Key_vault_uses_rbac_and_the_api_identity_gets_data_roles()
    {
        var vault = Assert.Single(bicep.Resources("Microsoft.KeyVault/vaults"))["properties"]!;
        Assert.True((bool)vault["enableRbacAuthorization"]!);

        Assert.Equal(4, bicep.Resources("Microsoft.Authorization/roleAssignments").Count);
        // The role ids sit in module variables that the assignments reference, so look at the whole template.
        var roles = bicep.Template.ToJsonString();
        Assert.Contains("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", roles, StringComparison.Ordinal); // Storage Table Data Contributor
        Assert.Contains("974c5e8b-45b9-4653-ba55-5f855dd0fb88", roles, StringComparison.Ordinal); // Storage Queue Data Contributor
        Assert.Contains("ba92f5b4-2d11-453d-a403-e96b0029c9fe", roles, StringComparison.Ordinal); // Storage Blob Data Contributor (staged files)
        Assert.Contains("4633458b-17de-408a-b874-0445c86b69e6", roles, StringComparison.Ordinal); // Key Vault Secrets User
    }

    [Fact]
    public void The_calendar_link_signing_key_comes_from_key_vault_and_the_public_base_url_is_the_apps_https_address()
    {
        var template = bicep.Template;
        Assert.Equal("calendar-link-signing-key", (string?)template["variables"]!["calendarLinkKeySecretName"]);
        Assert.Equal("[variables('calendarLinkKeySecretName')]", (string?)template["outputs"]!["calendarLinkKeySecretName"]!["value"]);
        Assert.Equal("securestring", (string?)template["parameters"]!["calendarLinkSigningKey"]!["type"]);

        // The app setting is a Key Vault reference to that secret, never the key itself.
        var appSettings = (string)Deployment(template, "app")["properties"]!["parameters"]!["appSettings"]!["value"]!;
        Assert.Contains(
            "'Calendar__LinkSigningKey', format('@Microsoft.KeyVault(VaultName={0};SecretName={1})', reference(resourceId('Microsoft.Resources/deployments', 'keyvault'), '2025-04-01').outputs.name.value, variables('calendarLinkKeySecretName'))",
            appSettings,
            StringComparison.Ordinal);
        Assert.DoesNotContain("parameters('calendarLinkSigningKey')", appSettings, StringComparison.Ordinal);
        Assert.Contains("'Graph__PublicBaseUrl', parameters('publicBaseUrl')", appSettings, StringComparison.Ordinal);

        // The vault writes the secret only when a key is passed (else an admin sets it out of band).
        var secrets = Items(Deployment(template, "keyvault")["properties"]!["template"]!["resources"]!)
            .Where(r => (string?)r["type"] == "Microsoft.KeyVault/vaults/secrets").ToList();
        var calendarSecret = Assert.Single(secrets, r => ((string?)r["name"])!.Contains("calendarLinkKeySecretName", StringComparison.Ordinal));
        Assert.Equal("[not(empty(parameters('calendarLinkSigningKey')))]", (string?)calendarSecret["condition"]);

        // By default Graph and the .ics links use the web app's own https address.
        var baseSettings = Deployment(template, "app")["properties"]!["template"]!["variables"]!["baseSettings"]!;
        Assert.Equal("[format('https://{0}.azurewebsites.net', variables('siteName'))]", (string?)baseSettings["Graph__PublicBaseUrl"]);
    }

    [Fact]
    public void Graph_and_the_app_catalog_id_are_set_only_when_given_and_the_graph_secret_comes_from_key_vault()
    {
        var template = bicep.Template;
        Assert.Equal("graph-client-secret", (string?)template["variables"]!["graphSecretName"]);
        var appSettings = (string)Deployment(template, "app")["properties"]!["parameters"]!["appSettings"]!["value"]!;
        // Graph only when a registration is given; its secret a Key Vault reference; the catalog id only when given.
        Assert.Contains("if(empty(parameters('graphClientId')), createObject(), union(createObject('Graph__TenantId'", appSettings, StringComparison.Ordinal);
        Assert.Contains("'Graph__ClientSecret', format('@Microsoft.KeyVault(VaultName={0};SecretName={1})', reference(resourceId('Microsoft.Resources/deployments', 'keyvault'), '2025-04-01').outputs.name.value, variables('graphSecretName'))", appSettings, StringComparison.Ordinal);
        Assert.Contains("if(empty(parameters('teamsAppCatalogId')), createObject(), createObject('Graph__TeamsAppCatalogId', parameters('teamsAppCatalogId')))", appSettings, StringComparison.Ordinal);
        Assert.Contains("if(empty(parameters('administrationContact')), createObject(), createObject('Administration__Contact', parameters('administrationContact')))", appSettings, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_location_is_in_the_eu()
    {
        var location = bicep.Template["parameters"]!["location"]!;

        Assert.Contains((string?)location["defaultValue"], new[] { "swedencentral", "northeurope" });
        Assert.All(location["allowedValues"]!.AsArray(), v => Assert.DoesNotContain("us", (string)v!, StringComparison.Ordinal));
    }

    private static JsonObject Deployment(JsonNode template, string name) =>
        Assert.Single(Items(template["resources"]!), r => (string?)r["type"] == "Microsoft.Resources/deployments" && (string?)r["name"] == name);

    // A template's resources are an array, or an object keyed by symbolic name (language version 2.0).
    private static IEnumerable<JsonObject> Items(JsonNode resources) =>
        (resources is JsonObject o ? o.Select(kv => kv.Value) : resources.AsArray()).OfType<JsonObject>();
}
