using PartnerHub.Api.Privacy;
using PartnerHub.Tests.Shared;

namespace PartnerHub.Api.Tests.Privacy;

/// <summary>docs/privacy.md is generated from the code; these tests keep the committed document and the code the same.</summary>
public class PrivacyDocumentTests
{
    private static readonly InfraFacts Infra = InfraFacts.Read(RepositoryRoot.FullName);

    [Fact]
    public void The_committed_document_is_what_the_code_generates()
    {
        var path = Path.Combine(RepositoryRoot.FullName, PrivacyDocument.RelativePath);
        var committed = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : string.Empty;

        var generated = PrivacyDocument.Render(Infra);

        Assert.True(committed == generated, $"{PrivacyDocument.RelativePath} differs from the code: run scripts/privacy-doc.sh\n{FirstDifference(committed, generated)}");
    }

    [Fact]
    public void The_region_and_log_retention_come_from_the_infrastructure()
    {
        Assert.Equal("swedencentral", Infra.DefaultRegion);
        Assert.Contains(Infra.Environments, e => e.File == "main.bicepparam");
        Assert.All(Infra.Environments, e => Assert.Contains(e.Region, Infra.AllowedRegions));
        Assert.NotEmpty(Infra.AllowedRegions);
        Assert.True(Infra.LogRetentionDays > 0);

        var document = PrivacyDocument.Render(Infra);
        Assert.Contains("`swedencentral`", document, StringComparison.Ordinal);
        Assert.Contains($"{Infra.LogRetentionDays} dage", document, StringComparison.Ordinal);
    }

    [Fact]
    public void The_legal_basis_is_left_to_the_municipality()
    {
        var document = PrivacyDocument.Render(Infra);

        Assert.Contains("Retsgrundlag / legal basis: to be recorded by the municipality", document, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_declared_row_and_field_is_in_the_document()
    {
        var document = PrivacyDocument.Render(Infra);

        foreach (var row in DataInventory.Rows())
        {
            Assert.Contains($"`{row.Store}`: `{row.Key}`", document, StringComparison.Ordinal);
            Assert.All(row.Fields, f => Assert.Contains($"`{f.Name.Replace("|", "\\|", StringComparison.Ordinal)}`", document, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_access_matrix_is_computed_from_the_core_rules()
    {
        var document = PrivacyDocument.Render(Infra);
        var lines = document.Split('\n');
        var fields = lines.First(l => l.StartsWith("| Hvem | FirstName", StringComparison.Ordinal)).Split('|', StringSplitOptions.TrimEntries);
        var phone = Array.IndexOf(fields, "Phone");

        // The coordinator assigns and does not call; the assigned mother calls; nobody outside the project sees anything.
        Assert.Equal("–", Cell(lines, "| Koordinator i projektet |", phone));
        Assert.Equal("ja", Cell(lines, "| Den tildelte nabomor |", phone));
        Assert.DoesNotContain("ja", lines.First(l => l.StartsWith("| Koordinator i et andet projekt |", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    private static string Cell(string[] lines, string rowStart, int index) =>
        lines.First(l => l.StartsWith(rowStart, StringComparison.Ordinal)).Split('|', StringSplitOptions.TrimEntries)[index];

    private static string FirstDifference(string committed, string generated)
    {
        var a = committed.Split('\n');
        var b = generated.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var left = i < a.Length ? a[i] : "(end)";
            var right = i < b.Length ? b[i] : "(end)";
            if (left != right)
            {
                return $"line {i + 1}:\n  committed: {left}\n  generated: {right}";
            }
        }

        return string.Empty;
    }
}
