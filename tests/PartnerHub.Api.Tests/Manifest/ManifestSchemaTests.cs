using System.IO.Compression;
using System.Text.Json.Nodes;
using NJsonSchema;
using NJsonSchema.Validation;

namespace PartnerHub.Api.Tests.Manifest;

/// <summary>Packages the local manifest once for every test in <see cref="ManifestSchemaTests"/>.</summary>
public sealed class LocalPackageFixture
{
    public LocalPackageFixture()
    {
        SchemaDir = ManifestTestSupport.NewestSchemaDir();
        Result = ManifestTestSupport.Package("local");
        BuildDir = Path.Combine(ManifestTestSupport.ManifestDir, "build", "local");
        ZipPath = Path.Combine(ManifestTestSupport.ManifestDir, "build", "partnerhub-local.zip");
    }

    public string SchemaDir { get; }

    internal ProcessResult Result { get; }

    public string BuildDir { get; }

    public string ZipPath { get; }

    public string ManifestJson
    {
        get
        {
            Assert.True(Result.ExitCode == 0, $"package-manifest.sh local failed: {Result}");
            return File.ReadAllText(Path.Combine(BuildDir, "manifest.json"));
        }
    }
}

public sealed class ManifestSchemaTests(LocalPackageFixture fixture) : IClassFixture<LocalPackageFixture>
{
    private static readonly string[] PlaceholderNames =
        ["TEAMS_APP_ID", "BOT_ID", "API_HOST", "PUBLISHER_NAME", "WEBSITE_URL", "PRIVACY_URL", "TERMS_URL"];

    // Teams lists at most 10 commands per scope: each list holds the Danish words, and en.json gives the English ones.
    private static readonly string[] ExpectedCommands =
        ["hjælp", "henvis", "mine henvisninger", "partnere", "møder", "kursus", "mine bookinger", "kontakt"];

    private static readonly string[] ExpectedEnglishCommands =
        ["help", "refer", "my referrals", "partners", "sessions", "course", "my bookings", "outreach"];

    [Fact]
    public void Template_targets_the_newest_released_schema_in_the_package()
    {
        var template = JsonNode.Parse(File.ReadAllText(Path.Combine(ManifestTestSupport.ManifestDir, "manifest.template.json")))!;
        var version = Path.GetFileName(fixture.SchemaDir)[1..];

        Assert.Equal(version, (string?)template["manifestVersion"]);
        Assert.Equal(
            $"https://developer.microsoft.com/json-schemas/teams/v{version}/MicrosoftTeams.schema.json",
            (string?)template["$schema"]);
    }

    [Fact]
    public async Task Packaged_manifest_is_valid_against_the_official_schema()
    {
        var errors = await ValidateAsync("MicrosoftTeams.schema.json", fixture.ManifestJson);

        Assert.True(errors.Count == 0, Describe(errors));
    }

    [Fact]
    public async Task Packaged_english_localization_is_valid_against_the_localization_schema()
    {
        Assert.True(fixture.Result.ExitCode == 0, fixture.Result.ToString());
        var json = File.ReadAllText(Path.Combine(fixture.BuildDir, "en.json"));

        var errors = await ValidateAsync("MicrosoftTeams.Localization.schema.json", json);

        Assert.True(errors.Count == 0, Describe(errors));
    }

    [Theory]
    [InlineData("missing botId", "botId")]
    [InlineData("wrong manifestVersion", "manifestVersion")]
    [InlineData("botId not a GUID", "botId")]
    [InlineData("short name too long", "short")]
    [InlineData("unknown top-level property", "botz")]
    public async Task Broken_manifest_fails_validation(string breakage, string expectedInError)
    {
        var manifest = JsonNode.Parse(fixture.ManifestJson)!.AsObject();
        var bot = manifest["bots"]![0]!.AsObject();
        switch (breakage)
        {
            case "missing botId":
                bot.Remove("botId");
                break;
            case "wrong manifestVersion":
                manifest["manifestVersion"] = "1.99";
                break;
            case "botId not a GUID":
                bot["botId"] = "${{BOT_ID}}";
                break;
            case "short name too long":
                manifest["name"]!["short"] = new string('x', 31);
                break;
            default:
                manifest["botz"] = new JsonArray();
                break;
        }

        var errors = await ValidateAsync("MicrosoftTeams.schema.json", manifest.ToJsonString());

        Assert.NotEmpty(errors);
        Assert.Contains(expectedInError, Describe(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Manifest_declares_the_bot_commands_tab_and_languages()
    {
        var manifest = JsonNode.Parse(fixture.ManifestJson)!;
        var bot = manifest["bots"]![0]!;

        Assert.Equal(["personal", "team", "groupChat"], bot["scopes"]!.AsArray().Select(s => (string?)s));
        // Coordinators send minutes files to the bot in their personal chat.
        Assert.True((bool)bot["supportsFiles"]!);
        var lists = bot["commandLists"]!.AsArray();
        // One list per scope, each in Danish, with the English words in the English localisation.
        Assert.Equal(["personal", "team", "groupChat"], lists.Select(l => (string?)l!["scopes"]![0]));
        Assert.All(lists, l => Assert.Equal(ExpectedCommands, l!["commands"]!.AsArray().Select(c => (string?)c!["title"])));
        var localised = JsonNode.Parse(File.ReadAllText(Path.Combine(ManifestTestSupport.ManifestDir, "en.json")))!;
        Assert.All(Enumerable.Range(0, lists.Count), i => Assert.Equal(
            ExpectedEnglishCommands,
            ExpectedEnglishCommands.Select((_, j) => (string?)localised[$"bots[0].commandLists[{i}].commands[{j}].title"])));
        // Every word the manifest offers is one the bot understands, in the language it is offered in.
        Assert.All(ExpectedCommands.Concat(ExpectedEnglishCommands), word => Assert.NotEqual(PartnerHub.Api.Bot.BotCommandKind.Unknown, PartnerHub.Api.Bot.BotCommand.Parse(word).Kind));

        var tab = manifest["staticTabs"]![0]!;
        Assert.Equal("https://localhost:3978/dashboard?locale={locale}", (string?)tab["contentUrl"]);
        Assert.Contains("localhost:3978", manifest["validDomains"]!.AsArray().Select(d => (string?)d));
        Assert.Equal((string?)bot["botId"], (string?)manifest["webApplicationInfo"]!["id"]);

        Assert.Equal("da", (string?)manifest["localizationInfo"]!["defaultLanguageTag"]);
        var english = manifest["localizationInfo"]!["additionalLanguages"]![0]!;
        Assert.Equal("en", (string?)english["languageTag"]);
        Assert.True(File.Exists(Path.Combine(fixture.BuildDir, (string)english["file"]!)));
        Assert.Equal("PartnerHub", (string?)manifest["name"]!["short"]);
        Assert.Equal("PartnerHub – Bydelsmødre", (string?)manifest["name"]!["full"]);
    }

    [Fact]
    public void One_package_holds_the_bot_the_tab_and_the_Outlook_add_in_for_meetings()
    {
        var manifest = JsonNode.Parse(fixture.ManifestJson)!;
        Assert.NotNull(manifest["bots"]);
        Assert.NotNull(manifest["staticTabs"]);
        var extension = Assert.Single(manifest["extensions"]!.AsArray())!;

        var mailbox = extension["requirements"]!["capabilities"]!.AsArray().Single(c => (string?)c!["name"] == "Mailbox")!;
        Assert.Equal("1.8", (string?)mailbox["minVersion"]);
        var ribbon = Assert.Single(extension["ribbons"]!.AsArray())!;
        Assert.Equal(["meetingDetailsOrganizer", "meetingDetailsAttendee"], ribbon["contexts"]!.AsArray().Select(c => (string?)c));
        var control = ribbon["tabs"]![0]!["groups"]![0]!["controls"]![0]!;
        Assert.Equal("PartnerHub", (string?)control["label"]);
        Assert.Equal([16, 32, 80], control["icons"]!.AsArray().Select(i => (int)i!["size"]!));
        Assert.All(control["icons"]!.AsArray(), i => Assert.StartsWith("https://localhost:3978/addin/icons/icon-", (string?)i!["url"], StringComparison.Ordinal));

        var runtime = Assert.Single(extension["runtimes"]!.AsArray())!;
        Assert.Equal("https://localhost:3978/addin/pane.html", (string?)runtime["code"]!["page"]);
        var action = Assert.Single(runtime["actions"]!.AsArray())!;
        Assert.Equal("openPage", (string?)action["type"]);
        Assert.Equal((string?)action["id"], (string?)control["actionId"]);

        var permission = Assert.Single(manifest["authorization"]!["permissions"]!["resourceSpecific"]!.AsArray())!;
        Assert.Equal("MailboxItem.ReadWrite.User", (string?)permission["name"]);
        Assert.Equal("Delegated", (string?)permission["type"]);
    }

    [Fact]
    public void The_add_in_icons_the_manifest_names_are_served_by_the_API_in_their_sizes()
    {
        foreach (var size in new[] { 16, 32, 80 })
        {
            var png = Png.Read(Path.Combine(ManifestTestSupport.RepoRoot, "src", "PartnerHub.Api", "wwwroot", "addin", "icons", $"icon-{size}.png"));
            Assert.Equal((size, size), (png.Width, png.Height));
        }
    }

    [Fact]
    public void Template_uses_only_the_documented_placeholders()
    {
        var text = File.ReadAllText(Path.Combine(ManifestTestSupport.ManifestDir, "manifest.template.json"));
        var used = System.Text.RegularExpressions.Regex.Matches(text, @"\$\{\{([A-Z0-9_]+)\}\}")
            .Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(PlaceholderNames.Order(StringComparer.Ordinal), used);
        Assert.DoesNotContain("${{", fixture.ManifestJson, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("color.png", 192)]
    [InlineData("outline.png", 32)]
    public void Icons_have_the_sizes_Teams_requires(string file, int size)
    {
        var png = Png.Read(Path.Combine(ManifestTestSupport.ManifestDir, file));

        Assert.Equal((size, size), (png.Width, png.Height));
    }

    [Fact]
    public void Outline_icon_is_white_on_transparent_only()
    {
        var png = Png.Read(Path.Combine(ManifestTestSupport.ManifestDir, "outline.png"));
        // The checker below reads RGBA; the generator always writes it, so anything else is a regression.
        Assert.Equal((8, 6, 0), (png.BitDepth, png.ColorType, png.Interlace));

        var offending = Enumerable.Range(0, png.Width * png.Height)
            .Select(i => png.Rgba.AsSpan(i * 4, 4).ToArray())
            .Where(p => p[3] != 0 && (p[0] != 255 || p[1] != 255 || p[2] != 255))
            .ToList();
        var opaque = Enumerable.Range(0, png.Width * png.Height).Count(i => png.Rgba[(i * 4) + 3] != 0);

        Assert.Empty(offending);
        Assert.InRange(opaque, 1, (png.Width * png.Height) - 1); // a mark, not a blank or a filled square
    }

    [Fact]
    public void Zip_has_manifest_and_icons_at_its_root()
    {
        Assert.True(fixture.Result.ExitCode == 0, fixture.Result.ToString());

        AssertPackageEntries(fixture.ZipPath);
    }

    [Fact]
    public void Node_fallback_writes_a_valid_zip_from_environment_values()
    {
        var env = LocalValues();
        env["PACKAGE_MANIFEST_NODE_ZIP"] = "1";

        var result = ManifestTestSupport.Package("ci-nodezip", env);

        Assert.True(result.ExitCode == 0, result.ToString());
        var zip = Path.Combine(ManifestTestSupport.ManifestDir, "build", "partnerhub-ci-nodezip.zip");
        AssertPackageEntries(zip);
        using var archive = ZipFile.OpenRead(zip);
        using var reader = new StreamReader(archive.GetEntry("manifest.json")!.Open());
        Assert.Equal(fixture.ManifestJson, reader.ReadToEnd());
    }

    [Theory]
    [InlineData("BOT_ID", null, "BOT_ID")]
    [InlineData("API_HOST", "", "API_HOST")]
    [InlineData("BOT_ID", "not-a-guid", "BOT_ID must be a GUID")]
    [InlineData("API_HOST", "https://partnerhub.example.dk", "bare host")]
    public void Script_refuses_a_missing_or_malformed_value(string name, string? value, string expectedMessage)
    {
        var env = LocalValues();
        env[name] = value;
        var zip = Path.Combine(ManifestTestSupport.ManifestDir, "build", "partnerhub-ci-missing.zip");
        File.Delete(zip);

        // No manifest/env/.env.ci-missing exists, so the environment is the only source.
        var result = ManifestTestSupport.Package("ci-missing", env);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(expectedMessage, result.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(zip), "no package may be written when a value is missing");
    }

    private static Dictionary<string, string?> LocalValues()
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(Path.Combine(ManifestTestSupport.ManifestDir, "env", ".env.local")))
        {
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (!line.StartsWith('#') && eq > 0)
            {
                values[line[..eq]] = line[(eq + 1)..];
            }
        }

        Assert.Equal(PlaceholderNames.Order(StringComparer.Ordinal), values.Keys.Order(StringComparer.Ordinal));
        return values;
    }

    private static void AssertPackageEntries(string zipPath)
    {
        using var archive = ZipFile.OpenRead(zipPath);
        var names = archive.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("manifest.json", names);
        Assert.Contains("color.png", names);
        Assert.Contains("outline.png", names);
        Assert.Contains("en.json", names);
        Assert.All(names, n => Assert.DoesNotContain("/", n, StringComparison.Ordinal));
    }

    private async Task<ICollection<ValidationError>> ValidateAsync(string schemaFile, string json)
    {
        var schema = await OfflineSchema.LoadAsync(Path.Combine(fixture.SchemaDir, schemaFile));
        return schema.Validate(json);
    }

    private static string Describe(IEnumerable<ValidationError> errors) =>
        string.Join(Environment.NewLine, Flatten(errors).Select(e => $"{e.Kind} at {e.Path} ({e.Property})"));

    private static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors) =>
        errors.SelectMany(e => e is ChildSchemaValidationError child
            ? new[] { e }.Concat(Flatten(child.Errors.SelectMany(kv => kv.Value)))
            : [e]);
}
