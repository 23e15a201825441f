using System.Globalization;

namespace PartnerHub.Teams.Cards;

/// <summary>adaptive-expressions' ReturnType flags, used for its parse-time type checks.</summary>
[Flags]
internal enum ReturnType
{
    Boolean = 1,
    Number = 2,
    Object = 4,
    String = 8,
    Array = 16,
}

/// <summary>A JavaScript exception (not an adaptive-expressions error value): it escapes everything but interpolation.</summary>
internal sealed class JsThrowException(string message) : Exception(message);

/// <summary>An expression node shaped like adaptive-expressions' tree, so evaluation and toString() match it.</summary>
internal abstract class Expr
{
    public abstract ReturnType ReturnType { get; }

    /// <summary>adaptive-expressions' Expression.toString(), shown when an interpolated part fails.</summary>
    public abstract string ToAelString();

    public override string ToString() => ToAelString();
}

internal sealed class ConstantExpr(object? value) : Expr
{
    public object? Value { get; } = value;

    public override ReturnType ReturnType => Value switch
    {
        string => ReturnType.String,
        bool => ReturnType.Boolean,
        double d when !double.IsNaN(d) => ReturnType.Number,
        List<object?> => ReturnType.Array,
        _ => ReturnType.Object,
    };

    public override string ToAelString()
    {
        switch (Value)
        {
            case JsUndefined: return "undefined";
            case null: return "null";
            case string s:
                var escaped = s.Replace("\\", "\\\\", StringComparison.Ordinal);
                var sb = new System.Text.StringBuilder();
                for (var i = 0; i < escaped.Length; i++)
                {
                    // The npm code escapes a quote unless a backslash follows it (it works on the reversed string).
                    if (escaped[i] == '\'' && !(i + 1 < escaped.Length && escaped[i + 1] == '\\'))
                    {
                        sb.Append("\\'");
                    }
                    else
                    {
                        sb.Append(escaped[i]);
                    }
                }

                return "'" + sb + "'";
            case double d: return JsValue.NumberToString(d);
            case bool b: return b ? "true" : "false";
            default: return JsValue.Stringify(Value);
        }
    }
}

internal sealed class AccessorExpr(string name, Expr? instance) : Expr
{
    public string Name { get; } = name;

    public Expr? Instance { get; } = instance;

    /// <summary>For a chain of plain names (<c>a.b.c</c>, <c>$root.x</c>): the path, resolved once at parse time.</summary>
    public MemoryPath? Simple { get; } = MemoryPath.For(name, instance);

    public override ReturnType ReturnType => ReturnType.Object;

    public override string ToAelString() => Instance is null ? Name : Instance.ToAelString() + "." + Name;
}

internal sealed class ElementExpr(Expr instance, Expr index) : Expr
{
    public Expr Instance { get; } = instance;

    public Expr Index { get; } = index;

    public override ReturnType ReturnType => ReturnType.Object;

    public override string ToAelString() => Instance.ToAelString() + "[" + Index.ToAelString() + "]";
}

/// <summary>A function or operator; <see cref="Type"/> is adaptive-expressions' ExpressionType ("+", "==", "count", ...).</summary>
internal sealed class CallExpr(string type, IReadOnlyList<Expr> args) : Expr
{
    public string Type { get; } = type;

    public IReadOnlyList<Expr> Args { get; } = args;

    public override ReturnType ReturnType => Functions.ReturnTypeOf(Type);

    public override string ToAelString()
    {
        var infix = !char.IsAsciiLetter(Type[0]) && Args.Count >= 2;
        var separator = infix ? " " + Type + " " : ", ";
        return (infix ? string.Empty : Type) + "(" + string.Join(separator, Args.Select(a => a.ToAelString())) + ")";
    }
}

internal static class Functions
{
    /// <summary>Names a template may call, mapped to adaptive-expressions' ExpressionType (aliases like and/equals included).</summary>
    public static readonly IReadOnlyDictionary<string, string> Supported = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["if"] = "if",
        ["count"] = "count",
        ["concat"] = "concat",
        ["json"] = "json",
        ["join"] = "join",
        ["string"] = "string",
        ["length"] = "length",
        ["empty"] = "empty",
        ["exists"] = "exists",
        ["not"] = "!",
        ["and"] = "&&",
        ["or"] = "||",
        ["equals"] = "==",
        ["toUpper"] = "toUpper",
        ["toLower"] = "toLower",
        ["first"] = "first",
        ["last"] = "last",
        ["coalesce"] = "coalesce",
        ["contains"] = "contains",
        ["substring"] = "substring",
        ["replace"] = "replace",
        ["uriComponent"] = "uriComponent",
        ["int"] = "int",
        ["float"] = "float",
        ["mod"] = "%",
        ["add"] = "+",
        ["sub"] = "-",
        ["mul"] = "*",
        ["div"] = "/",
        ["greater"] = ">",
        ["greaterOrEquals"] = ">=",
        ["less"] = "<",
        ["lessOrEquals"] = "<=",
    };

    public static ReturnType ReturnTypeOf(string type) => type switch
    {
        "+" => ReturnType.String | ReturnType.Number,
        "-" or "*" or "/" or "%" or "count" or "length" or "int" or "float" => ReturnType.Number,
        "==" or "!=" or "<" or "<=" or ">" or ">=" or "&&" or "||" or "!" or "empty" or "exists" or "contains" => ReturnType.Boolean,
        "concat" => ReturnType.String | ReturnType.Array,
        "join" or "string" or "toUpper" or "toLower" or "uriComponent" or "substring" or "replace" => ReturnType.String,
        _ => ReturnType.Object,
    };

    /// <summary>The arity and static type checks adaptive-expressions runs when it builds each node.</summary>
    public static void Validate(CallExpr e)
    {

        switch (e.Type)
        {
            case "+":
                Arity(e, 2, int.MaxValue);
                AnyOf(e, ReturnType.String | ReturnType.Number);
                break;
            case "-" or "*" or "/":
                Arity(e, 2, int.MaxValue);
                AnyOf(e, ReturnType.Number);
                break;
            case "%":
                Arity(e, 2, 2);
                AnyOf(e, ReturnType.Number);
                break;
            case "==" or "!=" or "<" or "<=" or ">" or ">=" or "contains":
                Arity(e, 2, 2);
                break;
            case "int" or "float" or "uriComponent":
                Arity(e, 1, 1);
                break;
            case "substring":
                Arity(e, 2, 3);
                Order(e, ReturnType.String, ReturnType.Number, ReturnType.Number);
                break;
            case "replace":
                Arity(e, 3, 3);
                AnyOf(e, ReturnType.String);
                break;
            case "&&" or "||" or "concat" or "coalesce":
                Arity(e, 1, int.MaxValue);
                break;
            case "!" or "empty" or "exists" or "first" or "last":
                Arity(e, 1, 1);
                break;
            case "if":
                Arity(e, 3, 3);
                break;
            case "count":
                Arity(e, 1, 1);
                Order(e, ReturnType.String | ReturnType.Array);
                break;
            case "json":
                Arity(e, 1, 1);
                Order(e, ReturnType.String);
                break;
            case "join":
                Arity(e, 2, 3);
                Order(e, ReturnType.Array, ReturnType.String, ReturnType.String);
                break;
            case "string":
                // The optional second argument is a locale; formatting per locale is not ours to reproduce.
                Arity(e, 1, 1);
                break;
            case "length" or "toUpper" or "toLower":
                // toUpper/toLower take an optional locale in adaptive-expressions; we leave it out of the subset.
                Arity(e, 1, 1);
                AnyOf(e, ReturnType.String);
                break;
            default:
                throw new CardTemplateException($"{e.ToAelString()}: '{e.Type}' is not a supported function.");
        }

    }

    private static void Arity(CallExpr e, int min, int max)
    {
        if (e.Args.Count < min || e.Args.Count > max)
        {
            var expected = min == max ? min.ToString(CultureInfo.InvariantCulture)
                : max == int.MaxValue ? $"at least {min}" : $"{min} to {max}";
            throw new CardTemplateException($"{e.ToAelString()} should have {expected} argument(s), not {e.Args.Count}.");
        }
    }

    private static void AnyOf(CallExpr e, ReturnType allowed)
    {
        foreach (var child in e.Args)
        {
            Check(e, child, allowed);
        }
    }

    private static void Order(CallExpr e, params ReturnType[] types)
    {
        for (var i = 0; i < types.Length && i < e.Args.Count; i++)
        {
            Check(e, e.Args[i], types[i]);
        }
    }

    private static void Check(CallExpr e, Expr child, ReturnType allowed)
    {
        if ((child.ReturnType & ReturnType.Object) == 0 && (child.ReturnType & allowed) == 0)
        {
            throw new CardTemplateException($"{child.ToAelString()} is not a {allowed} expression in {e.ToAelString()}.");
        }
    }
}
