using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PartnerHub.Teams.Cards;

/// <summary>
/// The fast expansion: the parsed template compiled once into nodes (parts without expressions expanded at parse time
/// and kept as read-only <see cref="JsonElement"/>s), then built straight into the <see cref="JsonNode"/> the caller
/// gets: no JSON text is written and read back, and no tree of JavaScript values is converted node by node. It follows
/// the reference expansion (<see cref="Expand(Node, Scope)"/>) rule for rule; the conformance tests run both.
/// </summary>
public sealed partial class CardTemplate
{
    // Constants are serialised once, at parse time, and read back at once, so escaping only has to be valid JSON.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private abstract class CompiledNode;

    /// <summary>A part without expressions: its expansion never changes, so it is computed once.</summary>
    private sealed class ConstantNode : CompiledNode
    {
        public ConstantNode(object? value)
        {
            AsValue = new Constant(value);
            AsItems = value switch
            {
                // In an array, a list is spliced into its parent and null disappears, as in ExpandCore.
                List<object?> list => [.. list.Select(item => new Constant(item))],
                null => [],
                _ => [AsValue],
            };
        }

        public Constant AsValue { get; }

        public Constant[] AsItems { get; }
    }

    /// <summary>
    /// One constant value. An object or array is kept as an element of a document nothing writes to or disposes, so
    /// every expansion (and thread) can wrap it in a node of its own: a JsonObject over an element copies on write.
    /// </summary>
    private readonly struct Constant
    {
        private readonly object? _value;
        private readonly JsonElement _element;

        // The element as a writer without an encoder of its own writes it, for WriteTo to copy as it is.
        private readonly byte[]? _utf8;

        public Constant(object? value)
        {
            _value = value;
            if (value is JsObject or List<object?>)
            {
                var reader = new Utf8JsonReader(Serialise(value));
                _element = JsonElement.ParseValue(ref reader);
                var buffer = new ArrayBufferWriter<byte>();
                using (var writer = new Utf8JsonWriter(buffer))
                {
                    _element.WriteTo(writer);
                }

                _utf8 = buffer.WrittenSpan.ToArray();
            }
        }

        public bool IsObject => _value is JsObject;

        /// <summary>What <c>NewNode()?.WriteTo(writer)</c> writes (null for null), without the node.</summary>
        public void Write(Utf8JsonWriter writer)
        {
            if (_utf8 is null)
            {
                WriteJs(writer, _value, constant: false);
            }
            else if (writer.Options.Encoder is null)
            {
                writer.WriteRawValue(_utf8, skipInputValidation: true);
            }
            else
            {
                _element.WriteTo(writer);
            }
        }

        public JsonNode? NewNode() => _value switch
        {
            JsObject => JsonObject.Create(_element),
            List<object?> => JsonArray.Create(_element),
            var primitive => JsValue.ToNode(primitive),
        };
    }

    private sealed class ExpressionNode(ExprNode source) : CompiledNode
    {
        public ExprNode Source { get; } = source;
    }

    private sealed class ListNode(CompiledNode[] items) : CompiledNode
    {
        public CompiledNode[] Items { get; } = items;
    }

    private sealed class ElementNode(ExprNode? dataExpression, object? dataLiteral, bool hasData, ExprNode? when, bool literalWhenDrops, (string Name, CompiledNode Value)[] properties) : CompiledNode
    {
        public ExprNode? DataExpression { get; } = dataExpression;

        public object? DataLiteral { get; } = dataLiteral;

        public bool HasData { get; } = hasData;

        public ExprNode? When { get; } = when;

        public bool LiteralWhenDrops { get; } = literalWhenDrops;

        public (string Name, CompiledNode Value)[] Properties { get; } = properties;

        /// <summary>The property names escaped by the default encoder, once, for WriteTo.</summary>
        public JsonEncodedText[] EncodedNames { get; } = [.. properties.Select(p => JsonEncodedText.Encode(p.Name))];
    }

    private static CompiledNode Compile(Node node)
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
                    .Select(p => (p.Key, Compile(p.Value)))
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

    private static JsonNode? Build(CompiledNode root, object? data)
    {
        PropertyList.Restart();
        return BuildValue(root, new Scope { Root = data, Data = data });
    }

    /// <summary>The node as one JSON value (the root, or a property's value once it is known to exist).</summary>
    private static JsonNode? BuildValue(CompiledNode node, Scope scope) => node switch
    {
        ConstantNode c => c.AsValue.NewNode(),
        ExpressionNode e => JsValue.ToNode(EvaluateForOutput(e.Source, scope)),
        ListNode l => BuildItems(new JsonArray(), l, scope),
        ElementNode o => BuildElement(o, scope, items: null),
        _ => throw new InvalidOperationException("Unknown compiled node."),
    };

    /// <summary>An array's items: lists are spliced in and null items dropped, as ExpandCore does.</summary>
    private static JsonArray BuildItems(JsonArray array, ListNode list, Scope scope)
    {
        foreach (var item in list.Items)
        {
            switch (item)
            {
                case ConstantNode c:
                    foreach (var constant in c.AsItems)
                    {
                        array.Add(constant.NewNode());
                    }

                    break;
                case ExpressionNode e:
                    var value = EvaluateForOutput(e.Source, scope);
                    if (value is List<object?> values)
                    {
                        foreach (var v in values)
                        {
                            array.Add(JsValue.ToNode(v));
                        }
                    }
                    else if (value is not null)
                    {
                        array.Add(JsValue.ToNode(value));
                    }

                    break;
                case ListNode nested:
                    BuildItems(array, nested, scope);
                    break;
                case ElementNode o:
                    BuildElement(o, scope, array);
                    break;
            }
        }

        return array;
    }

    /// <summary>
    /// ExpandObject: one object per $data context that its $when keeps, in the npm engine's order. Into
    /// <paramref name="items"/> each is an item; as a value (items null) none is null, one is the object and more are
    /// an array. The scope is restored afterwards.
    /// </summary>
    private static JsonNode? BuildElement(ElementNode o, Scope scope, JsonArray? items)
    {
        var savedData = scope.Data;
        var savedIndex = scope.Index;
        var dataValue = o.DataExpression is { } de ? EvaluateForOutput(de, scope) : o.DataLiteral;
        JsonNode? result = null;
        if (!o.HasData || dataValue is not List<object?> contexts)
        {
            if (o.HasData && dataValue is not JsUndefined)
            {
                scope.Data = dataValue;
            }

            if (!Drops(o, scope))
            {
                result = BuildObject(o, scope);
                items?.Add(result);
            }
        }
        else
        {
            JsonArray? several = null;
            for (var i = 0; i < contexts.Count; i++)
            {
                EnterContext(scope, contexts, i);
                if (Drops(o, scope))
                {
                    continue;
                }

                var built = BuildObject(o, scope);
                if (items is not null)
                {
                    items.Add(built);
                }
                else if (result is null)
                {
                    result = built;
                }
                else
                {
                    // A second object: the value becomes an array of them.
                    several ??= [result];
                    several.Add(built);
                }
            }

            result = several ?? result;
        }

        scope.Data = savedData;
        scope.Index = savedIndex;
        return result;
    }

    private static JsonObject BuildObject(ElementNode o, Scope scope)
    {
        var result = PropertyList.Take();
        foreach (var (name, node) in o.Properties)
        {
            // Only BuildElement changes the scope, and it puts it back.
            if (node is ExpressionNode e)
            {
                // An undefined value leaves the property out (JSON.stringify); everything else, null too, is kept.
                var value = EvaluateForOutput(e.Source, scope);
                if (value is not JsUndefined)
                {
                    result.Add(name, JsValue.ToNode(value));
                }
            }
            else
            {
                result.Add(name, BuildValue(node, scope));
            }
        }

        return result.ToObject();
    }

    /// <summary>The scope for item <paramref name="i"/> of a $data list: $index is its position, $data the item (unless undefined).</summary>
    private static void EnterContext(Scope scope, List<object?> contexts, int i)
    {
        scope.Index = i < BoxedIndexes.Length ? BoxedIndexes[i] : (double)i;
        if (contexts[i] is not JsUndefined)
        {
            scope.Data = contexts[i];
        }
    }

    // $index values boxed once: the engine reads them by value, never by reference.
    private static readonly object[] BoxedIndexes = [.. Enumerable.Range(0, 64).Select(i => (object)(double)i)];

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

    /// <summary>
    /// A value as <see cref="JsValue.ToNode"/> and then serialising it would write (undefined as null). A
    /// <paramref name="constant"/> is written at parse time, to be read back, so a lone surrogate sends it to the reference.
    /// </summary>
    private static void WriteJs(Utf8JsonWriter writer, object? value, bool constant = true)
    {
        switch (value)
        {
            case string s:
                if (constant && s.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0 && HasLoneSurrogate(s))
                {
                    // A constant written escaped could not be read back; the reference keeps it as is.
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
                    WriteJs(writer, item, constant);
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
                        WriteJs(writer, v, constant);
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

    /// <summary>A constant cannot be held faithfully as JSON; the reference expansion takes over.</summary>
    private sealed class NeedsReferenceException : Exception;
}
