using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;

namespace PartnerHub.Bench.Templating;

/// <summary>
/// The two calls node is timed on, with the parsed template reused: <c>Expand</c> gets data that already holds the
/// strings (as <c>template.expand({ $root: data })</c>); <c>Render</c> is the Api's call, which adds the strings itself.
/// </summary>
[MemoryDiagnoser]
public class ExpansionBenchmarks
{
    private BenchCase _case = null!;

    [ParamsSource(nameof(Cases))]
    public string Case { get; set; } = string.Empty;

    public static IEnumerable<string> Cases => BenchCases.Ids;

    [GlobalSetup]
    public void Setup() => _case = BenchCases.Get(Case);

    [Benchmark]
    public JsonObject Expand() => _case.Template.Expand(_case.Data);

    [Benchmark]
    public JsonObject Render() => BenchCases.Catalog.Render(_case.Card, _case.Sample, _case.Language);
}
