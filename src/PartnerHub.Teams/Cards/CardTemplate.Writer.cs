using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PartnerHub.Teams.Cards;

/// <summary>
/// The fast expansion: the parsed template compiled once into writer nodes (parts without expressions expanded at
/// parse time and kept as UTF-8 JSON), written with a <see cref="Utf8JsonWriter"/> into a per-thread buffer and read
/// back as one <see cref="JsonNode"/>, instead of a tree of JavaScript values converted node by node. It follows the
/// reference expansion (<see cref="Expand(Node, Scope)"/>) rule for rule; the conformance tests run both.
/// </summary>
public sealed partial class CardTemplate
{
    // Output is parsed back at once, so escaping only has to be valid JSON; relaxed escaping writes Danish letters as is.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private abstract class WriterNode;

    /// <summary>A part without expressions: its expansion never changes, so it is computed and serialised once.</summary>
    private sealed class ConstantNode : WriterNode
    {
        public ConstantNode(object? value)
        {
            Value = value;
            AsValue = Serialise(value);
            AsItems = value switch
            {
                // In an array, a list is spliced into its parent and null disappears, as in ExpandCore.
                List<object?> list => [.. list.Select(Serialise)],
                null => [],
                _ => [AsValue],
            };
        }

        public object? Value { get; }

        public byte[] AsValue { get; }

        public byte[][] AsItems { get; }
    }

    private sealed class ExpressionNode(ExprNode source) : WriterNode
    {
        public ExprNode Source { get; } = source;
    }

    private sealed class ListNode(WriterNode[] items) : WriterNode
    {
        public WriterNode[] Items { get; } = items;
    }

    private sealed class ElementNode(ExprNode? dataExpression, object? dataLiteral, bool hasData, ExprNode? when, bool literalWhenDrops, (JsonEncodedText Name, WriterNode Value)[] properties) : WriterNode
    {
        public ExprNode? DataExpression { get; } = dataExpression;

        public object? DataLiteral { get; } = dataLiteral;

        public bool HasData { get; } = hasData;

        public ExprNode? When { get; } = when;

        public bool LiteralWhenDrops { get; } = literalWhenDrops;

        public (JsonEncodedText Name, WriterNode Value)[] Properties { get; } = properties;
    }

    private static WriterNode Compile(Node node)
    {
        if (!ContainsExpression(node))
        {
            // Nothing here reads the scope, so the reference expansion gives the same value every time.
            return new ConstantNode(Expand(node, new Scope { Root = null, Data = null }));
        }

        switch (node)
        {
            case ExprNode e:
                return new ExpressionNode(e);
            case ArrayNode a:
                return new ListNode([.. a.Items.Select(Compile)]);
            case ObjectNode o:
                var data = o.Get("$data");
                var when = o.Get("$when");
                var properties = o.Properties
                    .Where(p => !ReservedFields.Contains(p.Key))
                    .Select(p => (JsonEncodedText.Encode(p.Key, WriterOptions.Encoder), Compile(p.Value)))
                    .ToArray();
                return new ElementNode(
                    data as ExprNode,
                    data is null or ExprNode ? null : LiteralValue(data),
                    data is not null,
                    when as ExprNode,
                    when is not null and not ExprNode && JsValue.IsTruthy(LiteralValue(when)),
                    properties);
            default:
                throw new InvalidOperationException("A literal always compiles to a constant.");
        }
    }

    private static byte[] Serialise(object? value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteJs(writer, value);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static JsonNode? WriteAndParse(WriterNode root, object? data)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(16 * 1024);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer, WriterOptions);
        writer.Reset(buffer);
        WriteAsValue(writer, root, new Scope { Root = data, Data = data });
        writer.Flush();
        return JsonNode.Parse(buffer.WrittenSpan);
    }

    /// <summary>The node as one JSON value (the root, or a property's value once it is known to exist).</summary>
    private static void WriteAsValue(Utf8JsonWriter writer, WriterNode node, Scope scope)
    {
        switch (node)
        {
            case ConstantNode c:
                writer.WriteRawValue(c.AsValue, skipInputValidation: true);
                break;
            case ExpressionNode e:
                WriteJs(writer, EvaluateForOutput(e.Source, scope));
                break;
            case ListNode l:
                writer.WriteStartArray();
                WriteItems(writer, l, scope);
                writer.WriteEndArray();
                break;
            case ElementNode o:
                WriteElement(writer, o, scope, asItems: false);
                break;
        }
    }

    private static void WriteProperty(Utf8JsonWriter writer, JsonEncodedText name, WriterNode node, Scope scope)
    {
        if (node is ExpressionNode e)
        {
            // An undefined value leaves the property out (JSON.stringify); everything else, null too, is written.
            var value = EvaluateForOutput(e.Source, scope);
            if (value is JsUndefined)
            {
                return;
            }

            writer.WritePropertyName(name);
            WriteJs(writer, value);
            return;
        }

        writer.WritePropertyName(name);
        WriteAsValue(writer, node, scope);
    }

    /// <summary>An array's items: lists are spliced in and null items dropped, as ExpandCore does.</summary>
    private static void WriteItems(Utf8JsonWriter writer, ListNode list, Scope scope)
    {
        foreach (var item in list.Items)
        {
            switch (item)
            {
                case ConstantNode c:
                    foreach (var bytes in c.AsItems)
                    {
                        writer.WriteRawValue(bytes, skipInputValidation: true);
                    }

                    break;
                case ExpressionNode e:
                    var value = EvaluateForOutput(e.Source, scope);
                    if (value is List<object?> values)
                    {
                        foreach (var v in values)
                        {
                            WriteJs(writer, v);
                        }
                    }
                    else if (value is not null)
                    {
                        WriteJs(writer, value);
                    }

                    break;
                case ListNode nested:
                    WriteItems(writer, nested, scope);
                    break;
                case ElementNode o:
                    WriteElement(writer, o, scope, asItems: true);
                    break;
            }
        }
    }

    /// <summary>
    /// ExpandObject: one element per $data context that its $when keeps. As a value, none is null, one is the
    /// object and more are an array; as items, each is an item. The scope is restored afterwards.
    /// </summary>
    private static void WriteElement(Utf8JsonWriter writer, ElementNode o, Scope scope, bool asItems)
    {
        var savedData = scope.Data;
        var savedIndex = scope.Index;
        var dataValue = o.DataExpression is { } de ? EvaluateForOutput(de, scope) : o.DataLiteral;
        if (!o.HasData || dataValue is not List<object?> contexts)
        {
            if (o.HasData && dataValue is not JsUndefined)
            {
                scope.Data = dataValue;
            }

            var keep = !Drops(o, scope);
            if (keep)
            {
                WriteObject(writer, o, scope);
            }
            else if (!asItems)
            {
                writer.WriteNullValue();
            }
        }
        else
        {
            // Every $when first, so the count is known before writing; evaluation has no side effects, and an error
            // makes the caller run the reference expansion, which evaluates in the npm engine's order.
            var kept = new List<(object? Index, object? Data)>(contexts.Count);
            for (var i = 0; i < contexts.Count; i++)
            {
                scope.Index = (double)i;
                if (contexts[i] is not JsUndefined)
                {
                    scope.Data = contexts[i];
                }

                if (!Drops(o, scope))
                {
                    kept.Add((scope.Index, scope.Data));
                }
            }

            var asArray = !asItems && kept.Count > 1;
            if (asArray)
            {
                writer.WriteStartArray();
            }
            else if (!asItems && kept.Count == 0)
            {
                writer.WriteNullValue();
            }

            foreach (var (index, data) in kept)
            {
                scope.Index = index;
                scope.Data = data;
                WriteObject(writer, o, scope);
            }

            if (asArray)
            {
                writer.WriteEndArray();
            }
        }

        scope.Data = savedData;
        scope.Index = savedIndex;
    }

    private static void WriteObject(Utf8JsonWriter writer, ElementNode o, Scope scope)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in o.Properties)
        {
            // Only WriteElement changes the scope, and it puts it back.
            WriteProperty(writer, name, value, scope);
        }

        writer.WriteEndObject();
    }

    private static bool Drops(ElementNode o, Scope scope)
    {
        if (o.When is not { } we)
        {
            return o.LiteralWhenDrops;
        }

        // $when is evaluated without substitution; anything but boolean true drops the element.
        Evaluator.Result r;
        try
        {
            r = EvaluateTop(we.Expr, scope, false);
        }
        catch (JsThrowException ex)
        {
            throw new CardTemplateException($"{we.Path}: \"{we.Source}\" cannot be evaluated (adaptivecards-templating throws too): {ex.Message}", ex);
        }

        return !(r.Error is null && r.Value is true);
    }

    /// <summary>JSON.stringify of an expanded value, as <see cref="JsValue.ToNode"/> and then serialising it would write.</summary>
    private static void WriteJs(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case string s:
                if (s.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0 && HasLoneSurrogate(s))
                {
                    // Written escaped, it would only fail when the caller reads it back; the reference keeps it as is.
                    throw new NeedsReferenceException();
                }

                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case double d:
                if (double.IsFinite(d))
                {
                    // JSON.stringify writes -0 as 0.
                    writer.WriteNumberValue(d == 0 ? 0d : d);
                }
                else
                {
                    writer.WriteNullValue();
                }

                break;
            case List<object?> list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    WriteJs(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsObject o:
                writer.WriteStartObject();
                foreach (var (key, v) in o.Properties)
                {
                    if (v is not JsUndefined)
                    {
                        writer.WritePropertyName(key);
                        WriteJs(writer, v);
                    }
                }

                writer.WriteEndObject();
                break;
            case null or JsUndefined:
                writer.WriteNullValue();
                break;
            default:
                throw new InvalidOperationException("Unknown value.");
        }
    }

    private static bool HasLoneSurrogate(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The writer cannot hold this value faithfully; the reference expansion takes over.</summary>
    private sealed class NeedsReferenceException : Exception;
}
