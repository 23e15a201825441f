using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PartnerHub.Teams.Cards;

/// <summary>
/// The expansion written as JSON text, for a caller that only sends the card on: the compiled template's nodes write
/// themselves to a <see cref="Utf8JsonWriter"/>, so no <see cref="JsonNode"/> is built for the card at all. It writes
/// exactly the bytes <c>Expand(data).WriteTo(writer)</c> would (the tests compare them for every card and sample).
/// </summary>
public sealed partial class CardTemplate
{
    // The card is written here first and copied on only when complete: an error met half-way must leave the caller's
    // writer untouched, so the reference can be asked for the error (or the node path can write instead).
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_scratch;

    [ThreadStatic]
    private static Utf8JsonWriter? t_scratchWriter;

    /// <summary>
    /// Expands against <paramref name="data"/> (bound as $root) and writes the card to <paramref name="writer"/>: the
    /// same JSON, byte for byte, as <c>Expand(data).WriteTo(writer)</c>, and the same exceptions, without building the
    /// card's nodes. Nothing is written when it throws.
    /// </summary>
    public void WriteTo(Utf8JsonWriter writer, JsonNode? data)
    {
        ArgumentNullException.ThrowIfNull(writer);
        WriteCard(writer, DataValue(data));
    }

    /// <summary><see cref="WriteTo(Utf8JsonWriter, JsonNode?)"/> for data already in the engine's value model.</summary>
    internal void WriteCard(Utf8JsonWriter writer, object? root, IReadOnlyDictionary<string, JsonEncodedText>? escaped = null)
    {
        // An indented writer would indent the copied text from the wrong depth; such callers take the node path.
        if (_compiled is not { } compiled || writer.Options.Indented)
        {
            ExpandCard(root).WriteTo(writer);
            return;
        }

        var scratch = t_scratch ??= new ArrayBufferWriter<byte>(8192);
        scratch.ResetWrittenCount();
        var options = writer.Options;
        var inner = t_scratchWriter is { } cached && SameOptions(cached.Options, options) ? cached : t_scratchWriter = new Utf8JsonWriter(scratch, options);
        inner.Reset(scratch);
        bool written;
        try
        {
            written = WriteRoot(inner, compiled, new Scope { Root = root, Data = root, Escaped = options.Encoder is null ? escaped : null });
            inner.Flush();
        }
        catch (CardTemplateException)
        {
            // The reference reports the error adaptivecards-templating meets first.
            written = false;
        }
        finally
        {
            inner.Reset(scratch);
        }

        if (written)
        {
            writer.WriteRawValue(scratch.WrittenSpan, skipInputValidation: true);
            return;
        }

        // Not a card object (or an error): what Expand does, it throws or writes.
        ExpandCard(root).WriteTo(writer);
    }

    private static bool SameOptions(JsonWriterOptions a, JsonWriterOptions b) =>
        a.Encoder == b.Encoder && a.SkipValidation == b.SkipValidation && a.MaxDepth == b.MaxDepth && a.Indented == b.Indented;

    /// <summary>The root, only when it is one object (a card); false, with nothing meaningful written, otherwise.</summary>
    private static bool WriteRoot(Utf8JsonWriter writer, CompiledNode root, Scope scope)
    {
        switch (root)
        {
            case ConstantNode c when c.AsValue.IsObject:
                c.AsValue.Write(writer);
                return true;
            case ElementNode o when !o.HasData:
                if (Drops(o, scope))
                {
                    return false;
                }

                WriteObject(writer, o, scope);
                return true;
            case ElementNode o:
                var kept = KeptContexts(o, scope, out var dataValue);
                if (kept.Count != 1)
                {
                    return false;
                }

                WriteKept(writer, o, scope, dataValue, kept[0]);
                return true;
            default:
                return false;
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, CompiledNode node, Scope scope)
    {
        switch (node)
        {
            case ConstantNode c:
                c.AsValue.Write(writer);
                break;
            case ExpressionNode e:
                WriteOutput(writer, EvaluateForOutput(e.Source, scope), scope);
                break;
            case ListNode l:
                writer.WriteStartArray();
                WriteItems(writer, l, scope);
                writer.WriteEndArray();
                break;
            case ElementNode o:
                WriteElementValue(writer, o, scope);
                break;
            default:
                throw new InvalidOperationException("Unknown compiled node.");
        }
    }

    /// <summary>BuildItems, written: lists are spliced in and null items dropped.</summary>
    private static void WriteItems(Utf8JsonWriter writer, ListNode list, Scope scope)
    {
        foreach (var item in list.Items)
        {
            switch (item)
            {
                case ConstantNode c:
                    foreach (var constant in c.AsItems)
                    {
                        constant.Write(writer);
                    }

                    break;
                case ExpressionNode e:
                    var value = EvaluateForOutput(e.Source, scope);
                    if (value is List<object?> values)
                    {
                        foreach (var v in values)
                        {
                            WriteOutput(writer, v, scope);
                        }
                    }
                    else if (value is not null)
                    {
                        // Undefined becomes a null item, as JsonArray.Add(ToNode(undefined)) does.
                        WriteOutput(writer, value, scope);
                    }

                    break;
                case ListNode nested:
                    WriteItems(writer, nested, scope);
                    break;
                case ElementNode o:
                    WriteElementItems(writer, o, scope);
                    break;
            }
        }
    }

    /// <summary>BuildElement into an array: each object its $when keeps is an item. The scope is restored afterwards.</summary>
    private static void WriteElementItems(Utf8JsonWriter writer, ElementNode o, Scope scope)
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

            if (!Drops(o, scope))
            {
                WriteObject(writer, o, scope);
            }
        }
        else
        {
            for (var i = 0; i < contexts.Count; i++)
            {
                EnterContext(scope, contexts, i);
                if (!Drops(o, scope))
                {
                    WriteObject(writer, o, scope);
                }
            }
        }

        scope.Data = savedData;
        scope.Index = savedIndex;
    }

    /// <summary>BuildElement as one value: null when no object is kept, the object when one is, an array of them otherwise.</summary>
    private static void WriteElementValue(Utf8JsonWriter writer, ElementNode o, Scope scope)
    {
        if (!o.HasData)
        {
            if (Drops(o, scope))
            {
                writer.WriteNullValue();
            }
            else
            {
                WriteObject(writer, o, scope);
            }

            return;
        }

        var kept = KeptContexts(o, scope, out var dataValue);
        switch (kept.Count)
        {
            case 0:
                writer.WriteNullValue();
                break;
            case 1:
                WriteKept(writer, o, scope, dataValue, kept[0]);
                break;
            default:
                writer.WriteStartArray();
                foreach (var i in kept)
                {
                    WriteKept(writer, o, scope, dataValue, i);
                }

                writer.WriteEndArray();
                break;
        }
    }

    /// <summary>
    /// Which of the element's $data contexts its $when keeps (-1: the single context of a $data that is no list), so a
    /// value knows whether it is nothing, one object or an array before writing. $when has no side effects; an error
    /// sends the whole card to the reference, so evaluating every $when first changes nothing. The scope is restored.
    /// </summary>
    private static List<int> KeptContexts(ElementNode o, Scope scope, out object? dataValue)
    {
        var kept = new List<int>(1);
        var savedData = scope.Data;
        var savedIndex = scope.Index;
        dataValue = o.DataExpression is { } de ? EvaluateForOutput(de, scope) : o.DataLiteral;
        if (!o.HasData || dataValue is not List<object?> contexts)
        {
            if (o.HasData && dataValue is not JsUndefined)
            {
                scope.Data = dataValue;
            }

            if (!Drops(o, scope))
            {
                kept.Add(-1);
            }
        }
        else
        {
            for (var i = 0; i < contexts.Count; i++)
            {
                EnterContext(scope, contexts, i);
                if (!Drops(o, scope))
                {
                    kept.Add(i);
                }
            }
        }

        scope.Data = savedData;
        scope.Index = savedIndex;
        return kept;
    }

    /// <summary>Writes the object for one kept context (from <see cref="KeptContexts"/>), restoring the scope.</summary>
    private static void WriteKept(Utf8JsonWriter writer, ElementNode o, Scope scope, object? dataValue, int index)
    {
        var savedData = scope.Data;
        var savedIndex = scope.Index;
        if (index >= 0)
        {
            EnterContext(scope, (List<object?>)dataValue!, index);
        }
        else if (o.HasData && dataValue is not JsUndefined)
        {
            scope.Data = dataValue;
        }

        WriteObject(writer, o, scope);
        scope.Data = savedData;
        scope.Index = savedIndex;
    }

    private static void WriteObject(Utf8JsonWriter writer, ElementNode o, Scope scope)
    {
        writer.WriteStartObject();
        var encodedNames = writer.Options.Encoder is null;
        var properties = o.Properties;
        for (var p = 0; p < properties.Length; p++)
        {
            var (name, node) = properties[p];
            if (node is ExpressionNode e)
            {
                // An undefined value leaves the property out; everything else, null too, is kept.
                var value = EvaluateForOutput(e.Source, scope);
                if (value is JsUndefined)
                {
                    continue;
                }

                WriteName(writer, o, p, name, encodedNames);
                WriteOutput(writer, value, scope);
            }
            else
            {
                WriteName(writer, o, p, name, encodedNames);
                WriteValue(writer, node, scope);
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>An expression's value; a string the caller escaped in advance (a catalog's strings) is copied as it is.</summary>
    private static void WriteOutput(Utf8JsonWriter writer, object? value, Scope scope)
    {
        if (value is string s && scope.Escaped is { } escaped && escaped.TryGetValue(s, out var text))
        {
            writer.WriteStringValue(text);
        }
        else
        {
            WriteJs(writer, value, constant: false);
        }
    }

    // Names escaped once, at parse time, by the default encoder: only a writer without an encoder of its own writes them.
    private static void WriteName(Utf8JsonWriter writer, ElementNode o, int index, string name, bool encoded)
    {
        if (encoded)
        {
            writer.WritePropertyName(o.EncodedNames[index]);
        }
        else
        {
            writer.WritePropertyName(name);
        }
    }
}
