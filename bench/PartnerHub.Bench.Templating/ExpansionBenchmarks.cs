using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;

namespace PartnerHub.Bench.Templating;

/// <summary>
/// The two calls node is timed on, with the parsed template reused: <c>Expand</c> gets data that already holds the
/// strings (as <c>template.expand({ $root: data })</c>); <c>Render</c> is the Api's call, which adds the strings itself.
/// <c>ExpandText</c> and <c>RenderText</c> write the same card as JSON text (WriteTo) into a reused buffer, as a caller
/// that only sends the card on would (against npm's expand then <c>JSON.stringify</c>).
/// </summary>
[MemoryDiagnoser]
public class ExpansionBenchmarks : IDisposable
{
    private readonly ArrayBufferWriter<byte> _buffer = new(16384);
    private BenchCase _case = null!;
    private Utf8JsonWriter _writer = null!;

    [ParamsSource(nameof(Cases))]
    public string Case { get; set; } = string.Empty;

    public static IEnumerable<string> Cases => BenchCases.Ids;

    [GlobalSetup]
    public void Setup()
    {
        _case = BenchCases.Get(Case);
        _writer = new Utf8JsonWriter(_buffer);
    }

    [Benchmark]
    public JsonObject Expand() => _case.Template.Expand(_case.Data);

    [Benchmark]
    public JsonObject Render() => BenchCases.Catalog.Render(_case.Card, _case.Sample, _case.Language);

    public void Dispose()
    {
        _writer?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark]
    public ArrayBufferWriter<byte> ExpandText()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _case.Template.WriteTo(_writer, _case.Data);
        _writer.Flush();
        return _buffer;
    }

    [Benchmark]
    public ArrayBufferWriter<byte> RenderText()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        BenchCases.Catalog.WriteTo(_writer, _case.Card, _case.Sample, _case.Language);
        _writer.Flush();
        return _buffer;
    }
}
