using PartnerHub.Api.Tests.Manifest;

namespace PartnerHub.Api.Tests.Supervision.OutlookPane;

/// <summary>
/// The pane's logic (wwwroot/addin/pane.js) in node against npm office-addin-mock: tools/node/addin-tests. Part of this
/// project's run so the README's one test command covers it.
/// </summary>
public sealed class PaneScriptTests
{
    [Fact]
    public void The_pane_logic_passes_its_node_tests_against_office_addin_mock()
    {
        var mock = Path.Combine(ManifestTestSupport.RepoRoot, "tools", "node", "node_modules", "office-addin-mock");
        Assert.True(Directory.Exists(mock), "npm office-addin-mock is missing: run npm ci in tools/node (the README's test command does).");

        var result = ManifestTestSupport.Run("node", ["--test", "--test-reporter=tap", Path.Combine("tools", "node", "addin-tests")]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("# fail 0", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("# pass 0", result.StandardOutput, StringComparison.Ordinal);
    }
}
