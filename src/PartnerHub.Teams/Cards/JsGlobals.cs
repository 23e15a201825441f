using System.Globalization;
using System.Text;

namespace PartnerHub.Teams.Cards;

/// <summary>JavaScript's global parseInt, parseFloat and encodeURIComponent, as adaptive-expressions calls them.</summary>
internal static class JsGlobals
{
    /// <summary>parseInt(s, 10): leading whitespace, a sign, then as many decimal digits as there are; NaN when none.</summary>
    public static double ParseInt(string s)
    {
        var i = SkipWhiteSpace(s);
        var negative = i < s.Length && s[i] == '-';
        if (i < s.Length && s[i] is '+' or '-')
        {
            i++;
        }

        var start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        if (i == start)
        {
            return double.NaN;
        }

        var value = double.Parse(s.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture);
        return negative ? -value : value;
    }

    /// <summary>parseFloat(s): the longest prefix (after whitespace) that is a decimal literal or Infinity; NaN when none.</summary>
    public static double ParseFloat(string s)
    {
        var i = SkipWhiteSpace(s);
        var negative = i < s.Length && s[i] == '-';
        if (i < s.Length && s[i] is '+' or '-')
        {
            i++;
        }

        if (string.CompareOrdinal(s, i, "Infinity", 0, "Infinity".Length) == 0)
        {
            return negative ? double.NegativeInfinity : double.PositiveInfinity;
        }

        var integral = Digits(s, ref i);
        var fraction = string.Empty;
        if (i < s.Length && s[i] == '.')
        {
            var afterDot = i + 1;
            fraction = Digits(s, ref afterDot);
            if (integral.Length > 0 || fraction.Length > 0)
            {
                i = afterDot;
            }
        }

        if (integral.Length == 0 && fraction.Length == 0)
        {
            return double.NaN;
        }

        var exponent = "0";
        if (i < s.Length && s[i] is 'e' or 'E')
        {
            var j = i + 1;
            var sign = j < s.Length && s[j] is '+' or '-' ? s[j++].ToString() : string.Empty;
            var digits = Digits(s, ref j);
            if (digits.Length > 0)
            {
                exponent = sign + digits;
            }
        }

        var literal = $"{(integral.Length == 0 ? "0" : integral)}.{(fraction.Length == 0 ? "0" : fraction)}e{exponent}";
        var value = double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture);
        return negative ? -value : value;
    }

    /// <summary>encodeURIComponent(s): UTF-8 percent-encoding of all but A-Z a-z 0-9 - _ . ! ~ * ' ( ); null for a lone surrogate (URIError).</summary>
    public static string? EncodeUriComponent(string s)
    {
        var sb = new StringBuilder(s.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '!' or '~' or '*' or '\'' or '(' or ')')
            {
                sb.Append(c);
                continue;
            }

            Rune rune;
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                rune = new Rune(c, s[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                return null;
            }
            else
            {
                rune = new Rune(c);
            }

            var count = rune.EncodeToUtf8(utf8);
            for (var b = 0; b < count; b++)
            {
                sb.Append('%').Append(utf8[b].ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    private static string Digits(string s, ref int i)
    {
        var start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        return s[start..i];
    }

    /// <summary>StrWhiteSpaceChar: ECMAScript WhiteSpace and LineTerminator (not .NET's wider char.IsWhiteSpace).</summary>
    private static int SkipWhiteSpace(string s)
    {
        var i = 0;
        while (i < s.Length && (s[i] is '\t' or '\v' or '\f' or ' ' or '\u00A0' or '\uFEFF' or '\n' or '\r' or '\u2028' or '\u2029'
            || CharUnicodeInfo.GetUnicodeCategory(s[i]) == UnicodeCategory.SpaceSeparator))
        {
            i++;
        }

        return i;
    }
}
