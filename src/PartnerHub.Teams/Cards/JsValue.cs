using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PartnerHub.Teams.Cards;

/// <summary>JavaScript's <c>undefined</c>, which adaptive-expressions treats differently from <c>null</c>.</summary>
internal sealed class JsUndefined
{
    public static readonly JsUndefined Instance = new();

    private JsUndefined()
    {
    }
}

/// <summary>A JavaScript object: insertion-ordered, keys exact as in the JSON.</summary>
internal sealed class JsObject
{
    // Set for an object read from the card data: its properties are converted when first read, so a render pays
    // only for the part of the data its card looks at (the strings are most of it).
    private JsonObject? _source;
    private List<KeyValuePair<string, object?>>? _properties;

    // An integer-like key makes JavaScript enumerate it first, so lookups then take the general, ordered path.
    private bool _hasIndexKey;

    // Where TryFindLower last found a name.
    private int _lastIndex;

    // For an object shared by every render (a catalog's strings): lower-cased key → value, built once by Freeze.
    private Dictionary<string, object?>? _byLowerKey;

    public JsObject()
    {
        _properties = [];
    }

    public JsObject(int capacity)
    {
        _properties = new(capacity);
    }

    private JsObject(JsonObject source)
    {
        _source = source;
    }

    public List<KeyValuePair<string, object?>> Properties => _properties ??= Materialise();

    /// <summary>A view of <paramref name="source"/> converted on first read; the caller must not change it meanwhile.</summary>
    public static JsObject Over(JsonObject source) => new(source);

    private List<KeyValuePair<string, object?>> Materialise()
    {
        var source = _source!;
        int count;
        try
        {
            // A parsed JsonObject reads its properties now and throws on a key it meets twice (again on every try).
            count = source.Count;
        }
        catch (ArgumentException ex)
        {
            throw new CardTemplateException("The card data has an object with a duplicate key.", ex);
        }

        var properties = new List<KeyValuePair<string, object?>>(count);
        for (var i = 0; i < source.Count; i++)
        {
            var (key, value) = source.GetAt(i);
            _hasIndexKey |= JsValue.IsIndexKey(key);
            properties.Add(new(key, JsValue.FromNodeLazily(value)));
        }

        _source = null;
        return properties;
    }

    public void Set(string key, object? value)
    {
        // JSON.parse keeps the last duplicate; so do we.
        var properties = Properties;
        for (var i = 0; i < properties.Count; i++)
        {
            if (properties[i].Key == key)
            {
                properties[i] = new(key, value);
                return;
            }
        }

        _hasIndexKey |= JsValue.IsIndexKey(key);
        properties.Add(new(key, value));
    }

    /// <summary>Appends a key the caller knows is new (a JsonObject's keys are unique), without Set's search.</summary>
    public void AddNew(string key, object? value)
    {
        _hasIndexKey |= JsValue.IsIndexKey(key);
        Properties.Add(new(key, value));
    }

    /// <summary>
    /// Indexes this object and every object below it for lookups, once; afterwards nothing may change them. For
    /// values shared by all renders and threads (the strings), so the index is built before anyone reads it.
    /// </summary>
    public void Freeze()
    {
        if (!_hasIndexKey)
        {
            var index = new Dictionary<string, object?>(Properties.Count, StringComparer.Ordinal);
            foreach (var (key, value) in Properties)
            {
                // The first key in enumeration order wins, as the scan in TryFindLower finds it.
                index.TryAdd(key.ToLowerInvariant(), value);
            }

            _byLowerKey = index;
        }

        foreach (var (_, value) in Properties)
        {
            JsValue.Freeze(value);
        }
    }

    /// <summary>
    /// The first property, in JavaScript's enumeration order, whose key lower-cased equals <paramref name="lowerAscii"/>
    /// (lower-case ASCII, as every identifier in a template is): adaptive-expressions' case-insensitive lookup without
    /// allocating. False with <paramref name="needsOrdering"/> when integer-like keys reorder the object (rare; the
    /// caller then takes the general path).
    /// </summary>
    public bool TryFindLower(string lowerAscii, out object? value, out bool needsOrdering)
    {
        if (_byLowerKey is { } index)
        {
            needsOrdering = false;
            if (index.TryGetValue(lowerAscii, out value))
            {
                return true;
            }

            value = JsUndefined.Instance;
            return false;
        }

        var properties = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(Properties);
        value = JsUndefined.Instance;
        needsOrdering = _hasIndexKey;
        if (needsOrdering)
        {
            return false;
        }

        // A card reads the same name of one object many times ("strings" of the root above all), so try where the last
        // name was found first. If that key matches, it is the first that does: any key matching this name matches the
        // name that found it. One int, written whole, so objects read by several threads stay right.
        var last = _lastIndex;
        if (last < properties.Length && properties[last].Key.Length == lowerAscii.Length && EqualsLower(properties[last].Key, lowerAscii))
        {
            value = properties[last].Value;
            return true;
        }

        for (var i = 0; i < properties.Length; i++)
        {
            var key = properties[i].Key;
            if (key.Length == lowerAscii.Length && EqualsLower(key, lowerAscii))
            {
                _lastIndex = i;
                value = properties[i].Value;
                return true;
            }
        }

        return false;
    }

    /// <summary>key.ToLowerInvariant() == lowerAscii, char by char (ToLowerInvariant keeps the length).</summary>
    private static bool EqualsLower(string key, string lowerAscii)
    {
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            var lower = c < 128 ? (char)(c is >= 'A' and <= 'Z' ? c + 32 : c) : char.IsSurrogate(c) ? c : char.ToLowerInvariant(c);
            if (lower != lowerAscii[i])
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>
/// The JavaScript value model the npm engine works in (undefined, null, string, double, bool, array, object),
/// with the conversions and stringifications it relies on.
/// </summary>
internal static class JsValue
{
    public static bool IsUndefined(object? v) => v is JsUndefined;

    public static bool IsNullish(object? v) => v is null or JsUndefined;

    public static bool IsNumber(object? v) => v is double d && !double.IsNaN(d);

    public static bool IsInteger(object? v) => v is double d && double.IsFinite(d) && Math.Floor(d) == d;

    public static object? FromNode(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => FromObject(o),
        JsonArray a => FromArray(a),
        JsonValue v => FromValue(v),
        _ => throw new InvalidOperationException("Unknown JSON node."),
    };

    /// <summary>
    /// <see cref="FromNode"/> for card data, objects converted only when read. A key twice in an object fails when the
    /// card reads that object (<see cref="CardTemplateException"/>); objects the card never reads are never looked at.
    /// </summary>
    public static object? FromNodeLazily(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => JsObject.Over(o),
        JsonArray a => FromArray(a, lazily: true),
        JsonValue v => FromValue(v),
        _ => throw new InvalidOperationException("Unknown JSON node."),
    };

    private static List<object?> FromArray(JsonArray a, bool lazily = false)
    {
        var list = new List<object?>(a.Count);
        foreach (var item in a)
        {
            list.Add(lazily ? FromNodeLazily(item) : FromNode(item));
        }

        return list;
    }

    private static object? FromValue(JsonValue v)
    {
        // Values built in C# (JsonValue.Create) are not JsonElement-backed, so go by kind, not by GetValue<JsonElement>.
        switch (v.GetValueKind())
        {
            case JsonValueKind.String:
                return v.GetValue<string>();
            case JsonValueKind.True:
                return True;
            case JsonValueKind.False:
                return False;
            case JsonValueKind.Number:
                if (v.TryGetValue<double>(out var d))
                {
                    return d;
                }

                if (v.TryGetValue<int>(out var i))
                {
                    return (double)i;
                }

                if (v.TryGetValue<long>(out var l))
                {
                    return (double)l;
                }

                return double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture);
            default:
                return null;
        }
    }

    /// <summary>Boxed once: the engine compares by value (is true / is bool), never by reference.</summary>
    public static readonly object True = true;

    public static readonly object False = false;

    private static JsObject FromObject(JsonObject o)
    {
        var result = new JsObject(o.Count);
        foreach (var (key, value) in o)
        {
            result.AddNew(key, FromNode(value));
        }

        return result;
    }

    public static object? FromElement(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                var o = new JsObject();
                foreach (var p in e.EnumerateObject())
                {
                    o.Set(p.Name, FromElement(p.Value));
                }

                return o;
            case JsonValueKind.Array:
                return e.EnumerateArray().Select(FromElement).ToList();
            case JsonValueKind.String:
                return e.GetString();
            case JsonValueKind.Number:
                return e.GetDouble();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }

    /// <summary>Like JSON.stringify: undefined properties vanish, undefined array items and NaN become null.</summary>
    public static JsonNode? ToNode(object? v) => v switch
    {
        null or JsUndefined => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        // JSON.stringify writes -0 as 0.
        double d => double.IsFinite(d) ? JsonValue.Create(d == 0 ? 0d : d) : null,
        List<object?> list => new JsonArray(list.Select(ToNode).ToArray()),
        JsObject o => ToJsonObject(o),
        _ => throw new InvalidOperationException("Unknown value."),
    };

    private static JsonObject ToJsonObject(JsObject o)
    {
        var result = new JsonObject();
        foreach (var (key, value) in o.Properties)
        {
            if (value is not JsUndefined)
            {
                result[key] = ToNode(value);
            }
        }

        return result;
    }

    /// <summary>JavaScript's value.toString(), as used when the engine concatenates an interpolated string.</summary>
    public static string ToJsString(object? v) => v switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        double d => NumberToString(d),
        List<object?> list => string.Join(",", list.Select(i => IsNullish(i) ? string.Empty : ToJsString(i))),
        JsObject => "[object Object]",
        _ => throw new InvalidOperationException("null or undefined has no toString."),
    };

    /// <summary>JSON.stringify (compact), as JavaScript writes it.</summary>
    public static string Stringify(object? v)
    {
        var sb = new StringBuilder();
        WriteJson(sb, v);
        return sb.ToString();
    }

    private static void WriteJson(StringBuilder sb, object? v)
    {
        switch (v)
        {
            case null or JsUndefined:
                sb.Append("null");
                break;
            case string s:
                WriteJsonString(sb, s);
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case double d:
                sb.Append(double.IsFinite(d) ? NumberToString(d) : "null");
                break;
            case List<object?> list:
                sb.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    WriteJson(sb, list[i]);
                }

                sb.Append(']');
                break;
            case JsObject o:
                sb.Append('{');
                var first = true;
                foreach (var (key, value) in OrderedForJs(o))
                {
                    if (value is JsUndefined)
                    {
                        continue;
                    }

                    if (!first)
                    {
                        sb.Append(',');
                    }

                    first = false;
                    WriteJsonString(sb, key);
                    sb.Append(':');
                    WriteJson(sb, value);
                }

                sb.Append('}');
                break;
        }
    }

    /// <summary>JavaScript enumerates integer-like keys first, ascending, then the rest in insertion order.</summary>
    public static IEnumerable<KeyValuePair<string, object?>> OrderedForJs(JsObject o)
    {
        return o.Properties.Where(p => IsIndexKey(p.Key)).OrderBy(p => long.Parse(p.Key, CultureInfo.InvariantCulture))
            .Concat(o.Properties.Where(p => !IsIndexKey(p.Key)));
    }

    /// <summary>An integer-like key, which JavaScript enumerates before the others.</summary>
    public static bool IsIndexKey(string k) =>
        k.Length is > 0 and < 10 && char.IsAsciiDigit(k[0]) && !k.AsSpan().ContainsAnyExceptInRange('0', '9') && (k == "0" || k[0] != '0');

    /// <summary>See <see cref="JsObject.Freeze"/>: objects in lists are indexed too.</summary>
    public static void Freeze(object? value)
    {
        switch (value)
        {
            case JsObject o:
                o.Freeze();
                break;
            case List<object?> list:
                foreach (var item in list)
                {
                    Freeze(item);
                }

                break;
        }
    }

    private static void WriteJsonString(StringBuilder sb, string s)
    {
        sb.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    var lone = char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                        && !(char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(s[i - 1]));
                    if (c < 0x20 || lone)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }

    /// <summary>ECMAScript Number::toString(10): shortest round-trip digits, JS exponent thresholds.</summary>
    public static string NumberToString(double d)
    {
        if (double.IsNaN(d))
        {
            return "NaN";
        }

        if (double.IsInfinity(d))
        {
            return d > 0 ? "Infinity" : "-Infinity";
        }

        if (d == 0)
        {
            return "0";
        }

        if (d < 0)
        {
            return "-" + NumberToString(-d);
        }

        // "R" gives the shortest round-trip digits, as JS does; parse its mantissa/exponent and lay it out the JS way.
        var shortest = d.ToString("R", CultureInfo.InvariantCulture);
        string digits;
        int exponent; // value = 0.digits * 10^exponent  (JS's n)
        var eIndex = shortest.IndexOfAny(['E', 'e']);
        var mantissa = eIndex >= 0 ? shortest[..eIndex] : shortest;
        var exp10 = eIndex >= 0 ? int.Parse(shortest[(eIndex + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : 0;
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot >= 0 ? mantissa[..dot] : mantissa;
        var fracPart = dot >= 0 ? mantissa[(dot + 1)..] : string.Empty;
        digits = (intPart + fracPart).TrimStart('0');
        var leadingZeros = (intPart + fracPart).Length - digits.Length;
        exponent = intPart.Length - leadingZeros + exp10;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            return "0";
        }

        var k = digits.Length;
        var n = exponent;
        if (k <= n && n <= 21)
        {
            return digits + new string('0', n - k);
        }

        if (0 < n && n <= 21)
        {
            return digits[..n] + "." + digits[n..];
        }

        if (-6 < n && n <= 0)
        {
            return "0." + new string('0', -n) + digits;
        }

        var e = n - 1;
        var sign = e < 0 ? "-" : "+";
        var mant = k == 1 ? digits : digits[..1] + "." + digits[1..];
        return mant + "e" + sign + Math.Abs(e).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>JavaScript truthiness, for a literal (non-expression) <c>$when</c>.</summary>
    public static bool IsTruthy(object? v) => v switch
    {
        null or JsUndefined => false,
        bool b => b,
        double d => d != 0 && !double.IsNaN(d),
        string s => s.Length > 0,
        _ => true,
    };

    /// <summary>lodash isEqual on plain JSON values.</summary>
    public static bool DeepEquals(object? a, object? b)
    {
        switch (a)
        {
            case null: return b is null;
            case JsUndefined: return b is JsUndefined;
            case string s: return b is string t && s == t;
            case bool x: return b is bool y && x == y;
            case double x: return b is double z && (x == z || (double.IsNaN(x) && double.IsNaN(z)));
            case List<object?> l:
                return b is List<object?> m && l.Count == m.Count && l.Zip(m).All(p => DeepEquals(p.First, p.Second));
            case JsObject o:
                if (b is not JsObject p || o.Properties.Count != p.Properties.Count)
                {
                    return false;
                }

                foreach (var (key, value) in o.Properties)
                {
                    var other = p.Properties.FindIndex(q => q.Key == key);
                    if (other < 0 || !DeepEquals(value, p.Properties[other].Value))
                    {
                        return false;
                    }
                }

                return true;
            default: return false;
        }
    }

    /// <summary>Object.keys(x) for the kinds of value the engine meets.</summary>
    public static IReadOnlyList<string> Keys(object? v) => v switch
    {
        JsObject o => OrderedForJs(o).Select(p => p.Key).ToList(),
        List<object?> l => Enumerable.Range(0, l.Count).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList(),
        string s => Enumerable.Range(0, s.Length).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList(),
        _ => [],
    };

    /// <summary>x[key] for the kinds of value the engine meets.</summary>
    public static object? Get(object? v, string key)
    {
        switch (v)
        {
            case JsObject o:
                var i = o.Properties.FindIndex(p => p.Key == key);
                return i < 0 ? JsUndefined.Instance : o.Properties[i].Value;
            case List<object?> l:
                return int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var idx) && idx < l.Count ? l[idx] : JsUndefined.Instance;
            case string s:
                return int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var ci) && ci < s.Length ? s[ci].ToString() : JsUndefined.Instance;
            default:
                return JsUndefined.Instance;
        }
    }

    /// <summary>JavaScript parseInt(String(v)) is a number (not NaN).</summary>
    public static bool ParseIntIsNumber(object? v, out string text)
    {
        text = v is null or JsUndefined ? (v is null ? "null" : "undefined") : ToJsString(v);
        var t = text.TrimStart();
        var i = 0;
        if (i < t.Length && (t[i] == '+' || t[i] == '-'))
        {
            i++;
        }

        return i < t.Length && char.IsAsciiDigit(t[i]);
    }
}
