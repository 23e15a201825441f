using System.Text;

namespace PartnerHub.Teams.Cards;

/// <summary>
/// Splits a template string the way adaptivecards-templating does (it wraps the string in backticks and hands it to
/// adaptive-expressions' string-interpolation lexer), then applies the engine's "single expression keeps its type" rule.
/// </summary>
internal static class Interpolation
{
    /// <summary>Returns null when the string holds no <c>${</c> and stays a plain string.</summary>
    public static Expr? Prepare(string s)
    {
        if (!s.Contains("${", StringComparison.Ordinal))
        {
            return null;
        }

        var children = new List<Expr> { new ConstantExpr(string.Empty) };
        var text = new StringBuilder();
        void FlushText()
        {
            if (text.Length > 0)
            {
                children.Add(new ConstantExpr(text.ToString()));
                text.Clear();
            }
        }

        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (c == '`')
            {
                throw new CardTemplateException("a string with ${...} may not contain an unescaped backtick (adaptive-expressions cannot parse it); write \\` instead.");
            }

            if (c == '\\' && i + 1 < s.Length && s[i + 1] is '`' or '$')
            {
                FlushText();
                children.Add(new ConstantExpr(s[i + 1].ToString()));
                i += 2;
                continue;
            }

            if (c == '$' && i + 1 < s.Length && s[i + 1] == '{')
            {
                var end = MatchTemplate(s, i);
                FlushText();
                var body = TrimExpression(s[i..end]);
                Expr parsed;
                try
                {
                    parsed = ExprParser.Parse(body);
                }
                catch (CardTemplateException ex)
                {
                    throw new CardTemplateException($"expression '{s[i..end]}': {ex.Message}", ex);
                }

                children.Add(parsed);
                i = end;
                continue;
            }

            text.Append(c);
            i++;
        }

        FlushText();
        if (children.Count == 2 && children[1] is not ConstantExpr)
        {
            return children[1];
        }

        return new CallExpr("concat", children);
    }

    /// <summary>The lexer's TEMPLATE token: '${' (STRING | ~[\r\n{}'"`])+ '}'. Returns the index after '}'.</summary>
    private static int MatchTemplate(string s, int start)
    {
        var j = start + 2;
        while (j < s.Length)
        {
            var c = s[j];
            if (c == '}')
            {
                if (j == start + 2)
                {
                    break;
                }

                return j + 1;
            }

            if (c is '\'' or '"')
            {
                var close = s.IndexOf(c, j + 1);
                if (close < 0)
                {
                    break;
                }

                if (s.AsSpan(j, close - j).Contains('\\'))
                {
                    throw new CardTemplateException($"'{s[start..]}': backslashes inside string literals in expressions are not supported.");
                }

                j = close + 1;
                continue;
            }

            if (c is '{')
            {
                throw new CardTemplateException($"'{s[start..]}': object literals inside expressions are not supported.");
            }

            if (c is '\r' or '\n' or '`')
            {
                break;
            }

            j++;
        }

        throw new CardTemplateException($"'{s[start..]}': '${{' does not start a complete expression (write \\${{ for a literal '${{').");
    }

    private static string TrimExpression(string expression)
    {
        var result = expression.Trim();
        if (result.StartsWith('$'))
        {
            result = result[1..];
        }

        result = result.Trim();
        if (result.StartsWith('{') && result.EndsWith('}'))
        {
            result = result[1..^1];
        }

        return result.Trim();
    }
}
