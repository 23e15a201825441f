using System.Text.Json;
using System.Text.RegularExpressions;

namespace PartnerHub.Teams.Cards;

/// <summary>The evaluation state adaptivecards-templating exposes to expressions ($root, $data, $index).</summary>
internal sealed class Scope
{
    public static readonly JsObject TemplateVersion = MakeVersion();

    public object? Root { get; init; }

    public object? Data { get; set; }

    public object? Index { get; set; } = JsUndefined.Instance;

    /// <summary>For WriteTo: strings known to every render (a catalog's), escaped once by the default encoder; by reference.</summary>
    public IReadOnlyDictionary<string, JsonEncodedText>? Escaped { get; init; }

    /// <summary>The object the npm TemplateObjectMemory wraps; property lookups on it are case-insensitive.</summary>
    public JsObject AsMemory()
    {
        var o = new JsObject();
        o.Set("$root", Root);
        o.Set("$data", Data);
        o.Set("$index", Index);
        o.Set("$host", JsUndefined.Instance);
        o.Set("$_acTemplateVersion", TemplateVersion);
        return o;
    }

    private static JsObject MakeVersion()
    {
        var v = new JsObject();
        v.Set("major", 2d);
        v.Set("minor", 3d);
        v.Set("patch", 1d);
        v.Set("suffix", string.Empty);
        return v;
    }
}

/// <summary>Evaluates <see cref="Expr"/> trees with adaptive-expressions 4.23 semantics (value or error, never both).</summary>
internal static partial class Evaluator
{
    internal readonly record struct Result(object? Value, string? Error)
    {
        public static Result Ok(object? v) => new(v, null);

        public static Result Fail(string e) => new(JsUndefined.Instance, e);
    }

    [GeneratedRegex(@"[.\[\]]+")]
    private static partial Regex PathSplit();

    [GeneratedRegex(@"(\.*$)")]
    private static partial Regex TrailingDots();

    public static Result Evaluate(Expr e, Scope scope, bool substitute) => e switch
    {
        ConstantExpr c => Result.Ok(c.Value),
        AccessorExpr a => EvalAccessor(a, scope, substitute),
        ElementExpr el => EvalElement(el, scope, substitute),
        CallExpr call => EvalCall(call, scope, substitute),
        _ => throw new InvalidOperationException(),
    };

    private static Result EvalAccessor(AccessorExpr a, Scope scope, bool substitute)
    {
        if (a.Simple is { } simple)
        {
            return Result.Ok(Resolve(simple, scope, substitute));
        }

        // FunctionUtils.tryAccumulatePath: fold a.b[0].c into one memory path.
        var path = string.Empty;
        Expr? left = a;
        while (left is not null)
        {
            if (left is AccessorExpr acc)
            {
                path = acc.Name + "." + path;
                left = acc.Instance;
            }
            else if (left is ElementExpr el)
            {
                var idx = Evaluate(el.Index, scope, substitute);
                if (idx.Error is not null)
                {
                    return idx;
                }

                if (JsValue.ParseIntIsNumber(idx.Value, out var text))
                {
                    path = "[" + text + "]." + path;
                }
                else if (idx.Value is string s)
                {
                    path = "['" + s + "']." + path;
                }
                else
                {
                    return Result.Fail($"{el.Index.ToAelString()} doesn't return an int or string");
                }

                left = el.Instance;
            }
            else
            {
                break;
            }
        }

        path = TrailingDots().Replace(path, string.Empty, 1).Replace(".[", "[", StringComparison.Ordinal);
        if (left is null)
        {
            var memoryPath = path.Length > 0 && path[0] != '$' ? "$data." + path : path;
            return Result.Ok(WrapGetValue(scope.AsMemory(), memoryPath, path, substitute));
        }

        var scopeValue = Evaluate(left, scope, substitute);
        if (scopeValue.Error is not null)
        {
            return scopeValue;
        }

        return Result.Ok(WrapGetValue(scopeValue.Value, path, path, substitute));
    }

    /// <summary>GetValue of a path of names, then nullSubstitution, as <see cref="WrapGetValue"/> does for it.</summary>
    private static object? Resolve(MemoryPath path, Scope scope, bool substitute)
    {
        var value = path.Root switch
        {
            MemoryPath.MemoryRoot.Root => scope.Root,
            MemoryPath.MemoryRoot.Data => scope.Data,
            MemoryPath.MemoryRoot.Index => scope.Index,
            MemoryPath.MemoryRoot.TemplateVersion => Scope.TemplateVersion,
            _ => JsUndefined.Instance,
        };
        foreach (var name in path.LowerNames)
        {
            // A name never parses as an integer (identifiers start with a letter, '_' or '$'), so no list indexing here.
            value = AccessLower(value, name);
        }

        if (value is not JsUndefined)
        {
            return value;
        }

        return substitute ? path.Unresolved : JsUndefined.Instance;
    }

    /// <summary><see cref="AccessProperty"/> for a name already lower-cased ASCII.</summary>
    private static object? AccessLower(object? instance, string lowerAscii)
    {
        if (instance is JsObject o)
        {
            if (o.TryFindLower(lowerAscii, out var found, out var needsOrdering) || !needsOrdering)
            {
                return found;
            }
        }

        return AccessProperty(instance, lowerAscii);
    }

    private static object? WrapGetValue(object? memory, string memoryPath, string path, bool substitute)
    {
        var value = GetValue(memory, memoryPath);
        if (value is not JsUndefined)
        {
            return value;
        }

        // adaptivecards-templating's nullSubstitution: a missing value renders as its own binding.
        return substitute ? "${" + path + "}" : JsUndefined.Instance;
    }

    /// <summary>SimpleObjectMemory.getValue.</summary>
    private static object? GetValue(object? memory, string path)
    {
        if (memory is JsUndefined || path.Length == 0)
        {
            return JsUndefined.Instance;
        }

        object? value = JsUndefined.Instance;
        var current = memory;
        foreach (var raw in PathSplit().Split(path))
        {
            if (raw.Length == 0)
            {
                continue;
            }

            var part = raw.Length >= 2 && ((raw[0] == '"' && raw[^1] == '"') || (raw[0] == '\'' && raw[^1] == '\'')) ? raw[1..^1] : raw;
            if (current is List<object?> list && TryParseInt(part, out var idx))
            {
                var r = AccessIndex(list, idx);
                if (r.Error is not null)
                {
                    return JsUndefined.Instance;
                }

                value = r.Value;
            }
            else
            {
                value = AccessProperty(current, part);
            }

            current = value;
        }

        return value;
    }

    private static bool TryParseInt(string s, out long value)
    {
        // JavaScript parseInt: optional whitespace and sign, then leading digits.
        value = 0;
        var t = s.TrimStart();
        var i = 0;
        var negative = false;
        if (i < t.Length && t[i] is '+' or '-')
        {
            negative = t[i] == '-';
            i++;
        }

        var start = i;
        while (i < t.Length && char.IsAsciiDigit(t[i]) && i - start < 18)
        {
            value = (value * 10) + (t[i] - '0');
            i++;
        }

        value = negative ? -value : value;
        return i > start;
    }

    private static Result AccessIndex(object? instance, long index)
    {
        if (JsValue.IsNullish(instance))
        {
            return Result.Ok(JsUndefined.Instance);
        }

        if (instance is List<object?> list)
        {
            return index >= 0 && index < list.Count
                ? Result.Ok(list[(int)index])
                : Result.Fail($"{index} is out of range for {JsValue.ToJsString(list)}");
        }

        return Result.Fail("not a collection.");
    }

    /// <summary>InternalFunctionUtils.accessProperty: falsy instance gives undefined; key match is case-insensitive.</summary>
    private static object? AccessProperty(object? instance, string property)
    {
        if (!JsValue.IsTruthy(instance))
        {
            return JsUndefined.Instance;
        }

        var lower = property.ToLowerInvariant();
        if (instance is JsObject o && System.Text.Ascii.IsValid(lower)
            && (o.TryFindLower(lower, out var found, out var needsOrdering) || !needsOrdering))
        {
            return found;
        }

        foreach (var key in JsValue.Keys(instance))
        {
            if (string.Equals(key.ToLowerInvariant(), lower, StringComparison.Ordinal))
            {
                return JsValue.Get(instance, key);
            }
        }

        return JsUndefined.Instance;
    }

    private static Result EvalElement(ElementExpr el, Scope scope, bool substitute)
    {
        var instance = Evaluate(el.Instance, scope, substitute);
        if (instance.Error is not null)
        {
            // The npm evaluator returns nothing here and its caller's destructuring throws a TypeError.
            throw new JsThrowException("Cannot destructure property 'value' of undefined.");
        }

        var idx = Evaluate(el.Index, scope, false);
        if (idx.Error is not null)
        {
            return idx;
        }

        if (JsValue.IsInteger(idx.Value))
        {
            return AccessIndex(instance.Value, (long)(double)idx.Value!);
        }

        if (idx.Value is string s)
        {
            return Result.Ok(AccessProperty(instance.Value, s));
        }

        return Result.Fail($"Could not coerce {el.Index.ToAelString()} to an int or string.");
    }

    private static (List<object?> Args, string? Error) Children(CallExpr e, Scope scope, bool substitute, Func<object?, Expr, int, string?>? verify = null)
    {
        var args = new List<object?>();
        for (var i = 0; i < e.Args.Count; i++)
        {
            var r = Evaluate(e.Args[i], scope, substitute);
            if (r.Error is not null)
            {
                return (args, r.Error);
            }

            var error = verify?.Invoke(r.Value, e.Args[i], i);
            if (error is not null)
            {
                return (args, error);
            }

            args.Add(r.Value);
        }

        return (args, null);
    }

    private static Result Apply(CallExpr e, Scope scope, bool substitute, Func<List<object?>, object?> func, Func<object?, Expr, int, string?>? verify = null)
    {
        var (args, error) = Children(e, scope, substitute, verify);
        if (error is not null)
        {
            return Result.Fail(error);
        }

        try
        {
            return Result.Ok(func(args));
        }
        catch (JsErrorException ex)
        {
            return Result.Fail(ex.Message);
        }
    }

    /// <summary>An exception the npm function throws and FunctionUtils.apply turns into an error value.</summary>
    private sealed class JsErrorException(string message) : Exception(message);

    private static string? VerifyNumber(object? v, Expr e, int pos) => JsValue.IsNumber(v) ? null : $"{e.ToAelString()} is not a number.";

    private static string? VerifyNotNull(object? v, Expr e, int pos) => JsValue.IsNullish(v) ? $"{e.ToAelString()} is null." : null;

    private static string? VerifyStringOrUndefined(object? v, Expr e, int pos) =>
        v is string or JsUndefined ? null : $"{e.ToAelString()} is neither a string nor a null object.";

    private static string? VerifyNumberOrStringOrUndefined(object? v, Expr e, int pos) =>
        v is string or JsUndefined || JsValue.IsNumber(v) ? null : $"{e.ToAelString()} is neither a number nor string";

    private static bool IsContainer(object? v) => v is string or List<object?> or JsObject or null;

    private static bool IsLogicTrue(object? v) => v switch
    {
        bool b => b,
        null or JsUndefined => false,
        _ => true,
    };

    private static Result EvalCall(CallExpr e, Scope scope, bool substitute) => e.Type switch
    {
        "+" or "-" or "*" or "/" or "%" => EvalArithmetic(e, scope, substitute),
        "==" or "!=" or "<" or "<=" or ">" or ">=" or "empty" or "exists" => EvalComparison(e, scope),
        "&&" or "||" or "!" or "if" => EvalLogic(e, scope, substitute),
        "count" or "concat" or "join" or "first" or "last" or "coalesce" or "contains" => EvalCollection(e, scope, substitute),
        "json" or "string" or "int" or "float" => EvalConversion(e, scope, substitute),
        "length" or "toUpper" or "toLower" or "uriComponent" or "substring" or "replace" => EvalText(e, scope, substitute),
        _ => throw new InvalidOperationException("Unvalidated function " + e.Type),
    };

    private static Result EvalArithmetic(CallExpr e, Scope scope, bool substitute)
    {
        switch (e.Type)
        {
            case "+":
                return Sequence(e, scope, substitute, VerifyNumberOrStringOrUndefined, (a, b) =>
                {
                    if ((JsValue.IsNullish(a) && JsValue.IsNumber(b)) || (JsValue.IsNullish(b) && JsValue.IsNumber(a)))
                    {
                        throw new JsErrorException("Operator '+' or add cannot be applied to operands of type 'number' and null object.");
                    }

                    if (JsValue.IsNumber(a) && JsValue.IsNumber(b))
                    {
                        return (double)a! + (double)b!;
                    }

                    if (JsValue.IsNullish(a) && JsValue.IsNullish(b))
                    {
                        return string.Empty;
                    }

                    return (JsValue.IsNullish(a) ? string.Empty : JsValue.ToJsString(a)) + (JsValue.IsNullish(b) ? string.Empty : JsValue.ToJsString(b));
                });
            case "-":
                return Sequence(e, scope, substitute, VerifyNumber, (a, b) => (double)a! - (double)b!);
            case "*":
                return Sequence(e, scope, substitute, VerifyNumber, (a, b) => (double)a! * (double)b!);
            case "/":
                return Sequence(
                    e,
                    scope,
                    substitute,
                    (v, x, pos) => VerifyNumber(v, x, pos) ?? (pos > 0 && (double)v! == 0 ? $"Cannot divide by 0 from {x.ToAelString()}" : null),
                    (a, b) =>
                    {
                        var r = (double)a! / (double)b!;
                        return JsValue.IsInteger(a) && JsValue.IsInteger(b) ? Math.Floor(r) : r;
                    });
            case "%":
                // Mod: exactly two integers; the sign follows the dividend, as JavaScript's % (and C#'s) does.
                return Apply(
                    e,
                    scope,
                    substitute,
                    args => (double)args[1]! == 0 ? throw new JsErrorException("Cannot mod by 0.") : (double)args[0]! % (double)args[1]!,
                    (v, x, _) => JsValue.IsInteger(v) ? null : $"{x.ToAelString()} is not a integer.");
            default:
                throw new InvalidOperationException("Not arithmetic: " + e.Type);
        }
    }

    /// <summary>ComparisonEvaluator functions: evaluated without substitution, a failing argument gives false.</summary>
    private static Result EvalComparison(CallExpr e, Scope scope)
    {
        switch (e.Type)
        {
            case "==" or "!=":
                return Comparison(e, scope, null, args => Equal(args[0], args[1]) == (e.Type == "=="));
            case "<" or "<=" or ">" or ">=":
                return Comparison(e, scope, VerifyNotNull, args => Compare(e.Type, args[0], args[1]));
            case "empty":
                return Comparison(e, scope, (v, x, _) => IsContainer(v) || v is JsUndefined ? null : "not a container", args => args[0] switch
                {
                    null or JsUndefined => true,
                    string s => s.Length == 0,
                    List<object?> l => l.Count == 0,
                    JsObject o => o.Properties.Count == 0,
                    _ => false,
                });
            case "exists":
                return Comparison(e, scope, VerifyNotNull, _ => true);
            default:
                throw new InvalidOperationException("Not a comparison: " + e.Type);
        }
    }

    private static Result EvalLogic(CallExpr e, Scope scope, bool substitute)
    {
        switch (e.Type)
        {
            case "&&" or "||":
                {
                    var isAnd = e.Type == "&&";
                    foreach (var child in e.Args)
                    {
                        var r = Evaluate(child, scope, false);
                        var truthy = r.Error is null && IsLogicTrue(r.Value);
                        if (isAnd && !truthy)
                        {
                            return Result.Ok(false);
                        }

                        if (!isAnd && truthy)
                        {
                            return Result.Ok(true);
                        }
                    }

                    return Result.Ok(isAnd);
                }

            case "!":
                {
                    var r = Evaluate(e.Args[0], scope, false);
                    return Result.Ok(r.Error is not null || !IsLogicTrue(r.Value));
                }

            case "if":
                {
                    var condition = Evaluate(e.Args[0], scope, false);
                    return condition.Error is null && IsLogicTrue(condition.Value)
                        ? Evaluate(e.Args[1], scope, substitute)
                        : Evaluate(e.Args[2], scope, substitute);
                }

            default:
                throw new InvalidOperationException("Not logic: " + e.Type);
        }
    }

    private static Result EvalCollection(CallExpr e, Scope scope, bool substitute)
    {
        switch (e.Type)
        {
            case "count":
                return Apply(e, scope, substitute, args => args[0] switch
                {
                    string s => (double)s.Length,
                    List<object?> l => (double)l.Count,
                    JsObject o => (double)o.Properties.Count,
                    _ => throw new JsErrorException("Cannot convert undefined or null to object"),
                }, (v, x, _) => IsContainer(v) ? null : $"{x.ToAelString()} must be a string, list, map or object.");
            case "concat":
                return Apply(e, scope, substitute, args =>
                {
                    var soFar = args[0];
                    for (var i = 1; i < args.Count; i++)
                    {
                        var b = args[i];
                        soFar = (soFar, b) switch
                        {
                            (null or JsUndefined, null or JsUndefined) => JsUndefined.Instance,
                            (null or JsUndefined, List<object?>) => b,
                            (List<object?>, null or JsUndefined) => soFar,
                            (List<object?> l1, List<object?> l2) => l1.Concat(l2).ToList(),
                            _ => CommonStringify(soFar) + CommonStringify(b),
                        };
                    }

                    return soFar;
                });
            case "join":
                return Join(e, scope, substitute);
            case "first" or "last":
                return Apply(e, scope, substitute, args => args[0] switch
                {
                    string { Length: > 0 } s => (e.Type == "first" ? s[0] : s[^1]).ToString(),
                    List<object?> { Count: > 0 } l => e.Type == "first" ? l[0] : l[^1],
                    _ => JsUndefined.Instance,
                });
            case "coalesce":
                return Apply(e, scope, substitute, args => args.FirstOrDefault(a => !JsValue.IsNullish(a), JsUndefined.Instance));
            case "contains":
                return Contains(e, scope, substitute);
            default:
                throw new InvalidOperationException("Not a collection function: " + e.Type);
        }
    }

    private static Result EvalConversion(CallExpr e, Scope scope, bool substitute)
    {
        switch (e.Type)
        {
            case "json":
                return Apply(e, scope, substitute, args =>
                {
                    if (args[0] is not string s)
                    {
                        throw new JsErrorException("args[0].trim is not a function");
                    }

                    try
                    {
                        using var doc = System.Text.Json.JsonDocument.Parse(s.Trim());
                        return JsValue.FromElement(doc.RootElement);
                    }
                    catch (System.Text.Json.JsonException ex)
                    {
                        throw new JsErrorException(ex.Message);
                    }
                });
            case "string":
                return Apply(e, scope, substitute, args => args[0] switch
                {
                    string s => s,
                    double d when !double.IsNaN(d) => throw new CardTemplateException(
                        $"string() of a number ({e.ToAelString()}) formats by the server's locale in adaptive-expressions; pass the number preformatted in the data."),
                    _ => CommonStringify(args[0]),
                });
            case "int":
                return Apply(e, scope, substitute, args => args[0] switch
                {
                    // parseInt of the string, or of the number's own JavaScript spelling (so 1e21 gives 1).
                    string s => JsGlobals.ParseInt(s) is var n && double.IsNaN(n) ? throw new JsErrorException($"parameter {s} is not a valid number string.") : n,
                    double d when !double.IsNaN(d) => JsGlobals.ParseInt(JsValue.NumberToString(d)),
                    _ => JsUndefined.Instance,
                });
            case "float":
                return Apply(e, scope, substitute, args => args[0] switch
                {
                    string s => JsGlobals.ParseFloat(s) is var n && double.IsNaN(n) ? throw new JsErrorException($"parameter {s} is not a valid number string.") : n,
                    double d when !double.IsNaN(d) => d,
                    _ => JsUndefined.Instance,
                });
            default:
                throw new InvalidOperationException("Not a conversion: " + e.Type);
        }
    }

    private static Result EvalText(CallExpr e, Scope scope, bool substitute)
    {
        switch (e.Type)
        {
            case "length":
                return Apply(e, scope, substitute, args => (double)(args[0] is string s ? s.Length : 0), VerifyStringOrUndefined);
            case "toUpper" or "toLower":
                return Apply(e, scope, substitute, args => args[0] is string s ? (e.Type == "toUpper" ? JsUpper(s) : JsLower(s)) : string.Empty, VerifyStringOrUndefined);
            case "uriComponent":
                return Apply(e, scope, substitute, args => JsGlobals.EncodeUriComponent((string)args[0]!) ?? throw new JsErrorException("URI malformed"), (v, x, _) => v is string ? null : $"{x.ToAelString()} is not a string.");
            case "substring":
                return Substring(e, scope, substitute);
            case "replace":
                return Apply(
                    e,
                    scope,
                    substitute,
                    args =>
                    {
                        var find = args[1] as string ?? string.Empty;
                        return find.Length == 0
                            ? throw new JsErrorException($"{(args[1] is string ? string.Empty : "undefined")} should be a string with length at least 1")
                            : (args[0] as string ?? string.Empty).Replace(find, args[2] as string ?? string.Empty, StringComparison.Ordinal);
                    },
                    VerifyStringOrUndefined);
            default:
                throw new InvalidOperationException("Not a text function: " + e.Type);
        }
    }

    private static Result Join(CallExpr e, Scope scope, bool substitute)
    {
        var (args, error) = Children(e, scope, substitute);
        if (error is not null)
        {
            return Result.Fail(error);
        }

        if (args[0] is not List<object?> list)
        {
            return Result.Fail($"{e.Args[0].ToAelString()} is not a list.");
        }

        string JoinItems(IEnumerable<object?> items, object? separator) =>
            string.Join(separator is JsUndefined ? "," : JsValue.IsNullish(separator) ? "null" : JsValue.ToJsString(separator), items.Select(i => JsValue.IsNullish(i) ? string.Empty : JsValue.ToJsString(i)));
        if (args.Count == 2)
        {
            return Result.Ok(JoinItems(list, args[1]));
        }

        return list.Count < 3
            ? Result.Ok(JoinItems(list, args[2]))
            : Result.Ok(JoinItems(list.Take(list.Count - 1), args[1]) + (JsValue.IsNullish(args[2]) ? (args[2] is null ? "null" : "undefined") : JsValue.ToJsString(args[2])) + (JsValue.IsNullish(list[^1]) ? (list[^1] is null ? "null" : "undefined") : JsValue.ToJsString(list[^1])));
    }

    /// <summary>Contains never fails: a failing argument, or arguments it cannot compare, give false.</summary>
    private static Result Contains(CallExpr e, Scope scope, bool substitute)
    {
        var (args, error) = Children(e, scope, substitute);
        if (error is not null)
        {
            return Result.Ok(false);
        }

        return Result.Ok((args[0], args[1]) switch
        {
            (string text, string part) => text.Contains(part, StringComparison.Ordinal),
            (List<object?> list, var item) => list.Any(i => Equal(i, item)),
            (var instance, string property) => AccessProperty(instance, property) is not JsUndefined,
            _ => false,
        });
    }

    /// <summary>Substring(text, start[, length]): positions in UTF-16 code units, out of range is an error, never clamped.</summary>
    private static Result Substring(CallExpr e, Scope scope, bool substitute)
    {
        var text = Evaluate(e.Args[0], scope, substitute);
        if (text.Error is not null || text.Value is JsUndefined)
        {
            return text.Error is null ? Result.Ok(string.Empty) : text;
        }

        if (text.Value is not string s)
        {
            return Result.Fail($"{e.Args[0].ToAelString()} is neither a string nor a null object.");
        }

        var start = Evaluate(e.Args[1], scope, substitute);
        if (start.Error is not null)
        {
            return start;
        }

        if (!JsValue.IsInteger(start.Value) || (double)start.Value! < 0 || (double)start.Value! > s.Length)
        {
            return Result.Fail($"{e.Args[1].ToAelString()} is not an integer within {s.Length}.");
        }

        var from = (int)(double)start.Value!;
        if (e.Args.Count == 2)
        {
            return Result.Ok(s[from..]);
        }

        var length = Evaluate(e.Args[2], scope, substitute);
        if (length.Error is not null)
        {
            return length;
        }

        return JsValue.IsInteger(length.Value) && (double)length.Value! >= 0 && from + (double)length.Value! <= s.Length
            ? Result.Ok(s.Substring(from, (int)(double)length.Value!))
            : Result.Fail($"{e.Args[2].ToAelString()} is not an integer length within {s.Length}.");
    }

    private static Result Sequence(CallExpr e, Scope scope, bool substitute, Func<object?, Expr, int, string?> verify, Func<object?, object?, object?> func) =>
        Apply(e, scope, substitute, args =>
        {
            var soFar = args[0];
            for (var i = 1; i < args.Count; i++)
            {
                soFar = func(soFar, args[i]);
            }

            return soFar;
        }, verify);

    /// <summary>ComparisonEvaluator: no substitution; a failing argument makes the result false rather than an error.</summary>
    private static Result Comparison(CallExpr e, Scope scope, Func<object?, Expr, int, string?>? verify, Func<List<object?>, bool> func)
    {
        var (args, error) = Children(e, scope, false, verify);
        if (error is not null)
        {
            return Result.Ok(false);
        }

        try
        {
            return Result.Ok(func(args));
        }
        catch (JsErrorException ex)
        {
            return Result.Fail(ex.Message);
        }
    }

    private static bool Compare(string op, object? a, object? b)
    {
        int c;
        if (JsValue.IsNumber(a) && JsValue.IsNumber(b))
        {
            c = ((double)a!).CompareTo((double)b!);
        }
        else if (a is string sa && b is string sb)
        {
            c = string.CompareOrdinal(sa, sb);
        }
        else
        {
            throw new JsErrorException($"{a} and {b} must be comparable.");
        }

        return op switch
        {
            "<" => c < 0,
            "<=" => c <= 0,
            ">" => c > 0,
            _ => c >= 0,
        };
    }

    /// <summary>FunctionUtils.commonEquals.</summary>
    private static bool Equal(object? a, object? b)
    {
        if (JsValue.IsNullish(a) || JsValue.IsNullish(b))
        {
            return JsValue.IsNullish(a) && JsValue.IsNullish(b);
        }

        if (a is List<object?> la && b is List<object?> lb)
        {
            return la.Count == lb.Count && la.Zip(lb).All(p => Equal(p.First, p.Second));
        }

        if (a is JsObject oa && b is JsObject ob)
        {
            return JsValue.DeepEquals(oa, ob);
        }

        if (JsValue.IsNumber(a) && JsValue.IsNumber(b))
        {
            return Math.Abs((double)a! - (double)b!) < 2.220446049250313E-16 || (double)a! == (double)b!; // Number.EPSILON
        }

        return a switch
        {
            string s => b is string t && s == t,
            bool x => b is bool y && x == y,
            double x => b is double y && x == y,
            _ => false,
        };
    }

    /// <summary>InternalFunctionUtils.commonStringify.</summary>
    private static string CommonStringify(object? v)
    {
        if (JsValue.IsNullish(v))
        {
            return string.Empty;
        }

        if (v is List<object?> or JsObject)
        {
            var json = JsValue.Stringify(v);
            return json.TrimStart('\'', '"').TrimEnd('\'', '"');
        }

        return JsValue.ToJsString(v);
    }

    // JavaScript's full case mappings differ from .NET's simple ones for a few characters Danish/English text can meet.
    private static string JsUpper(string s) => s.ToUpperInvariant().Replace("ß", "SS", StringComparison.Ordinal)
        .Replace("ﬀ", "FF", StringComparison.Ordinal).Replace("ﬁ", "FI", StringComparison.Ordinal).Replace("ﬂ", "FL", StringComparison.Ordinal);

    private static string JsLower(string s) => s.Replace("İ", "i\u0307", StringComparison.Ordinal).ToLowerInvariant();
}
