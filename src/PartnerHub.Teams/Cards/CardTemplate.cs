using System.Text.Json;
using System.Text.Json.Nodes;

namespace PartnerHub.Teams.Cards;

/// <summary>
/// An Adaptive Card template, parsed and validated once, that expands like
/// <c>new ACData.Template(template).expand({ $root: data })</c> from adaptivecards-templating 2.3.1.
/// See README.md beside this file for the supported subset.
/// </summary>
public sealed partial class CardTemplate
{
    private static readonly HashSet<string> ReservedFields = ["$data", "$when", "$root", "$index", "$host", "$_acTemplateVersion"];

    // One builder per thread for interpolated strings; EvaluateTop does not call itself while it is in use.
    [ThreadStatic]
    private static System.Text.StringBuilder? t_concat;

    private readonly Node _root;
    private readonly CompiledNode? _compiled;

    private CardTemplate(Node root)
    {
        _root = root;
        try
        {
            _compiled = Compile(root);
        }
        catch (NeedsReferenceException)
        {
            _compiled = null;
        }
    }

    /// <summary>Parses a template; anything outside the supported subset throws <see cref="CardTemplateException"/> now.</summary>
    public static CardTemplate Parse(string templateJson)
    {
        JsonNode? json;
        try
        {
            // A key twice would otherwise surface later, as an ArgumentException from JsonObject.
            json = JsonNode.Parse(templateJson, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false, AllowDuplicateProperties = false });
        }
        catch (JsonException ex)
        {
            throw new CardTemplateException($"The template is not valid JSON: {ex.Message}", ex);
        }

        return new CardTemplate(Prepare(json, "$"));
    }

    /// <summary>Expands against <paramref name="data"/> (bound as $root); the result must be an object (a card).</summary>
    public JsonObject Expand(JsonNode? data) => AsCard(ExpandNode(data));

    /// <summary><see cref="Expand(JsonNode?)"/> for data already in the engine's value model.</summary>
    internal JsonObject ExpandCard(object? root) => AsCard(ExpandValue(root));

    private static JsonObject AsCard(JsonNode? expanded) => expanded switch
    {
        JsonObject o => o,
        null => throw new CardTemplateException("The template expanded to nothing (its root $when was false or its root $data empty)."),
        var other => throw new CardTemplateException($"The template expanded to a {other.GetValueKind()}, not a card object."),
    };

    /// <summary>Expands exactly as the npm engine does, whatever the shape of the result (null when the root is dropped).</summary>
    public JsonNode? ExpandNode(JsonNode? data) => ExpandValue(DataValue(data));

    /// <summary>
    /// The card data in the engine's value model; objects are converted when first read, and one with a key twice
    /// fails then (only objects the card reads are looked at).
    /// </summary>
    internal static object? DataValue(JsonNode? data) => JsValue.FromNodeLazily(data);

    /// <summary>
    /// Expands against data already in the engine's value model (CardCatalog adds its strings this way). The compiled
    /// template builds the result; when it meets an error, the tree expansion below, the reference, runs again so the
    /// error is the one adaptivecards-templating's order of evaluation meets first.
    /// </summary>
    internal JsonNode? ExpandValue(object? root)
    {
        if (_compiled is null)
        {
            return ExpandReference(root);
        }

        try
        {
            return Build(_compiled, root);
        }
        catch (CardTemplateException)
        {
            return ExpandReference(root);
        }
    }

    /// <summary>The compiled template alone, without the reference behind it (for the tests that hold the two together).</summary>
    internal JsonNode? ExpandCompiled(object? root) =>
        Build(_compiled ?? throw new InvalidOperationException("This template expands by the reference only."), root);

    /// <summary>The reference expansion: a tree of JavaScript values, as the npm engine builds it, then converted.</summary>
    internal JsonNode? ExpandReference(object? root) => JsValue.ToNode(Expand(_root, new Scope { Root = root, Data = root }));

    private abstract record Node(string Path);

    private sealed record LiteralNode(string Path, object? Value) : Node(Path);

    private sealed record ExprNode(string Path, Expr Expr, string Source) : Node(Path);

    private sealed record ArrayNode(string Path, IReadOnlyList<Node> Items) : Node(Path);

    private sealed record ObjectNode(string Path, IReadOnlyList<KeyValuePair<string, Node>> Properties) : Node(Path)
    {
        public Node? Get(string key) => Properties.FirstOrDefault(p => p.Key == key).Value;
    }

    private static Node Prepare(JsonNode? json, string path)
    {
        switch (json)
        {
            case JsonObject o:
                var props = new List<KeyValuePair<string, Node>>();
                foreach (var (key, value) in o)
                {
                    var child = Prepare(value, path + "." + key);
                    if (key == "$data" && child is ArrayNode or ObjectNode && ContainsExpression(child))
                    {
                        // The npm engine would hand the unexpanded expression objects to the items as their $data.
                        throw new CardTemplateException($"{path}.$data: a literal $data may not contain ${{...}} expressions.");
                    }

                    props.Add(new(key, child));
                }

                return new ObjectNode(path, props);
            case JsonArray a:
                return new ArrayNode(path, a.Select((item, i) => Prepare(item, $"{path}[{i}]")).ToList());
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                var s = v.GetValue<string>();
                Expr? expr;
                try
                {
                    expr = Interpolation.Prepare(s);
                }
                catch (CardTemplateException ex)
                {
                    throw new CardTemplateException($"{path}: \"{s}\": {ex.Message}", ex);
                }

                return expr is null ? new LiteralNode(path, s) : new ExprNode(path, expr, s);
            default:
                return new LiteralNode(path, JsValue.FromNode(json));
        }
    }

    private static bool ContainsExpression(Node node) => node switch
    {
        ExprNode => true,
        ArrayNode a => a.Items.Any(ContainsExpression),
        ObjectNode o => o.Properties.Any(p => ContainsExpression(p.Value)),
        _ => false,
    };

    private static object? LiteralValue(Node node) => node switch
    {
        LiteralNode l => l.Value,
        ArrayNode a => a.Items.Select(LiteralValue).ToList(),
        ObjectNode o => ToJsObject(o),
        _ => throw new InvalidOperationException(),
    };

    private static JsObject ToJsObject(ObjectNode o)
    {
        var result = new JsObject();
        foreach (var (key, value) in o.Properties)
        {
            result.Set(key, LiteralValue(value));
        }

        return result;
    }

    /// <summary>Template.internalExpand; the scope is saved and restored around every node, as the npm engine does.</summary>
    private static object? Expand(Node node, Scope scope)
    {
        var savedData = scope.Data;
        var savedIndex = scope.Index;
        try
        {
            return ExpandCore(node, scope);
        }
        finally
        {
            scope.Data = savedData;
            scope.Index = savedIndex;
        }
    }

    private static object? ExpandCore(Node node, Scope scope)
    {
        switch (node)
        {
            case ArrayNode a:
                var items = new List<object?>();
                foreach (var item in a.Items)
                {
                    var expanded = Expand(item, scope);
                    if (expanded is List<object?> list)
                    {
                        // The npm engine splices array results (repeated elements) into the parent array.
                        items.AddRange(list);
                    }
                    else if (expanded is not null)
                    {
                        items.Add(expanded);
                    }
                }

                return items;
            case ExprNode e:
                return EvaluateForOutput(e, scope);
            case ObjectNode o:
                return ExpandObject(o, scope);
            case LiteralNode l:
                return l.Value;
            default:
                throw new InvalidOperationException();
        }
    }

    private static object? ExpandObject(ObjectNode o, Scope scope)
    {
        var when = o.Get("$when");
        var dataNode = o.Get("$data");
        List<object?> contexts;
        var isArray = false;
        if (dataNode is null)
        {
            contexts = [JsUndefined.Instance];
        }
        else
        {
            var dataValue = dataNode is ExprNode de ? EvaluateForOutput(de, scope) : LiteralValue(dataNode);
            if (dataValue is List<object?> list)
            {
                contexts = list;
                isArray = true;
            }
            else
            {
                contexts = [dataValue];
            }
        }

        var results = new List<object?>();
        for (var i = 0; i < contexts.Count; i++)
        {
            if (isArray)
            {
                scope.Index = (double)i;
            }

            if (contexts[i] is not JsUndefined)
            {
                scope.Data = contexts[i];
            }

            var drop = false;
            if (when is ExprNode we)
            {
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

                drop = !(r.Error is null && r.Value is true);
            }
            else if (when is not null)
            {
                // A literal $when that is truthy (even true) drops the element: the npm engine's rule, kept as is.
                drop = JsValue.IsTruthy(LiteralValue(when));
            }

            if (!drop)
            {
                var result = new JsObject();
                foreach (var (key, value) in o.Properties)
                {
                    if (ReservedFields.Contains(key))
                    {
                        continue;
                    }

                    var expanded = Expand(value, scope);
                    if (expanded is not JsUndefined)
                    {
                        result.Set(key, expanded);
                    }
                }

                results.Add(result);
            }
        }

        return results.Count switch
        {
            0 => null,
            1 => results[0],
            _ => results,
        };
    }

    private static object? EvaluateForOutput(ExprNode e, Scope scope)
    {
        Evaluator.Result r;
        try
        {
            r = EvaluateTop(e.Expr, scope, true);
        }
        catch (JsThrowException ex)
        {
            throw new CardTemplateException($"{e.Path}: \"{e.Source}\" cannot be expanded with this data (adaptivecards-templating throws too): {ex.Message}", ex);
        }

        if (r.Error is not null)
        {
            throw new CardTemplateException($"{e.Path}: \"{e.Source}\" failed: {r.Error}");
        }

        return r.Value;
    }

    /// <summary>Template.internalTryEvaluateExpression: a top-level concat with substitution is concatenated part by part.</summary>
    private static Evaluator.Result EvaluateTop(Expr expr, Scope scope, bool substitute)
    {
        if (expr is CallExpr { Type: "concat" } concat && substitute)
        {
            var sb = t_concat ??= new System.Text.StringBuilder();
            sb.Clear();
            foreach (var child in concat.Args)
            {
                Evaluator.Result r;
                try
                {
                    r = Evaluator.Evaluate(child, scope, true);
                }
                catch (JsThrowException ex)
                {
                    r = Evaluator.Result.Fail(ex.Message);
                }

                object? value = r.Error is not null ? "${" + child.ToAelString() + "}" : r.Value;
                if (JsValue.IsNullish(value))
                {
                    // JavaScript: value.toString() on null/undefined throws, and the npm engine lets it escape.
                    throw new JsThrowException($"'{child.ToAelString()}' is {(value is null ? "null" : "undefined")} inside a string (Cannot read properties of {(value is null ? "null" : "undefined")} (reading 'toString')).");
                }

                sb.Append(JsValue.ToJsString(value));
            }

            return Evaluator.Result.Ok(sb.ToString());
        }

        return Evaluator.Evaluate(expr, scope, substitute);
    }
}
