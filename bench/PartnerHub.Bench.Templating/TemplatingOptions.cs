namespace PartnerHub.Bench.Templating;

/// <summary>Command line: <c>[--bdn] [--no-node] [--append FILE] [--out DIR] [--label TEXT]</c>.</summary>
public sealed record TemplatingOptions(bool BenchmarkDotNet, bool Node, string? AppendTo, string OutputDirectory, string? Label = null)
{
    public const string Usage = """
        usage: PartnerHub.Bench.Templating [--bdn] [--no-node] [--append FILE] [--out DIR] [--label TEXT]
          --bdn        time .NET with BenchmarkDotNet 0.15.8 (MemoryDiagnoser) instead of the loop node is timed with
          --no-node    .NET only (no comparison, no ratio)
          --append F   append the table, machine and date to F (scripts/bench-templating.sh: bench/RESULTS.md)
          --out D      where cases, node's results and BenchmarkDotNet's files go (default artifacts/bench/templating)
          --label T    a word on what was measured, in the table's heading (e.g. which engine build)
        """;

    public static TemplatingOptions? Parse(string[] args)
    {
        var root = BenchCases.RepositoryRoot();
        var options = new TemplatingOptions(false, true, null, Path.Combine(root, "artifacts", "bench", "templating"));
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--bdn":
                    options = options with { BenchmarkDotNet = true };
                    break;
                case "--no-node":
                    options = options with { Node = false };
                    break;
                case "--append" when i + 1 < args.Length:
                    options = options with { AppendTo = Path.GetFullPath(args[++i]) };
                    break;
                case "--label" when i + 1 < args.Length:
                    options = options with { Label = args[++i] };
                    break;
                case "--out" when i + 1 < args.Length:
                    options = options with { OutputDirectory = Path.GetFullPath(args[++i]) };
                    break;
                default:
                    Console.Error.WriteLine(Usage);
                    return null;
            }
        }

        return options;
    }
}
