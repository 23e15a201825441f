using System.Globalization;
using System.Text;

namespace PartnerHub.Teams.Cards;

/// <summary>
/// Parses one <c>${...}</c> body with adaptive-expressions' grammar and precedence, restricted to our subset.
/// Anything outside the subset is a <see cref="CardTemplateException"/>, never a guess.
/// </summary>
internal sealed class ExprParser
{
    private enum Kind
    {
        Number,
        String,
        Identifier,
        Op,
        End,
    }

    private readonly record struct Token(Kind Kind, string Text, object? Value = null);

    // Lowest to highest, as in ExpressionAntlrParser.g4 (earlier alternatives bind tighter there).
    private static readonly string[][] BinaryLevels =
    [
        ["??"],
        ["||"],
        ["&&"],
        ["<", "<=", ">", ">="],
        ["&"],
        ["==", "!=", "<>"],
        ["+", "-"],
        ["*", "/", "%"],
    ];

    private readonly List<Token> _tokens;
    private int _pos;

    private ExprParser(List<Token> tokens) => _tokens = tokens;

    public static Expr Parse(string text)
    {
        if (text.Length == 0)
        {
            throw new CardTemplateException("empty expression '${}'.");
        }

        var parser = new ExprParser(Tokenize(text));
        var result = parser.ParseTernary();
        if (parser.Peek.Kind != Kind.End)
        {
            throw new CardTemplateException($"unexpected '{parser.Peek.Text}' in '{text}'.");
        }

        return result;
    }

    private Token Peek => _tokens[_pos];

    private bool IsOp(string op) => Peek.Kind == Kind.Op && Peek.Text == op;

    private void Expect(string op)
    {
        if (!IsOp(op))
        {
            throw new CardTemplateException($"expected '{op}' but found '{Peek.Text}'.");
        }

        _pos++;
    }

    private Expr ParseTernary()
    {
        var result = ParseBinary(0);
        while (IsOp("?"))
        {
            // Left-recursive and left-associative in the grammar: a ? b : c ? d : e is (a ? b : c) ? d : e.
            _pos++;
            var then = ParseTernary();
            Expect(":");
            var otherwise = ParseBinary(0);
            result = Make("if", result, then, otherwise);
        }

        return result;
    }

    private Expr ParseBinary(int level)
    {
        if (level == BinaryLevels.Length)
        {
            return ParseUnary();
        }

        var left = ParseBinary(level + 1);
        while (Peek.Kind == Kind.Op && BinaryLevels[level].Contains(Peek.Text))
        {
            var op = Peek.Text;
            _pos++;
            var right = ParseBinary(level + 1);
            left = op switch
            {
                "??" => Make("coalesce", left, right),
                "&" => Make("concat", left, right),
                "<>" => Make("!=", left, right),
                _ => Make(op, left, right),
            };
        }

        return left;
    }

    private Expr ParseUnary()
    {
        if (IsOp("!"))
        {
            _pos++;
            return Make("!", ParseUnary());
        }

        if (IsOp("-") || IsOp("+"))
        {
            // adaptive-expressions turns -x into 0 - x (and +x into 0 + x).
            var op = Peek.Text;
            _pos++;
            return Make(op, new ConstantExpr(0d), ParseUnary());
        }

        if (IsOp("^"))
        {
            throw new CardTemplateException($"operator '{Peek.Text}' is not supported.");
        }

        return ParsePostfix(ParsePrimary());
    }

    private Expr ParsePrimary()
    {
        var t = Peek;
        _pos++;
        switch (t.Kind)
        {
            case Kind.Number:
            case Kind.String:
                return new ConstantExpr(t.Value);
            case Kind.Identifier:
                if (IsOp("("))
                {
                    return ParseCall(t.Text);
                }

                return t.Text switch
                {
                    "true" => new ConstantExpr(true),
                    "false" => new ConstantExpr(false),
                    "null" => new ConstantExpr(null),
                    "undefined" => throw new CardTemplateException("'undefined' is not supported."),
                    _ => new AccessorExpr(t.Text, null),
                };
            case Kind.Op when t.Text == "(":
                var inner = ParseTernary();
                Expect(")");
                return inner;
            default:
                throw new CardTemplateException(t.Kind == Kind.End ? "expression ends too early." : $"unexpected '{t.Text}'.");
        }
    }

    private CallExpr ParseCall(string name)
    {
        if (!Functions.Supported.TryGetValue(name, out var type))
        {
            throw new CardTemplateException($"unknown or unsupported function '{name}'.");
        }

        Expect("(");
        var args = new List<Expr>();
        if (!IsOp(")"))
        {
            args.Add(ParseTernary());
            while (IsOp(","))
            {
                _pos++;
                args.Add(ParseTernary());
            }
        }

        Expect(")");
        return Make(type, [.. args]);
    }

    private Expr ParsePostfix(Expr result)
    {
        while (true)
        {
            if (IsOp("."))
            {
                _pos++;
                if (Peek.Kind != Kind.Identifier)
                {
                    throw new CardTemplateException($"expected a property name after '.', found '{Peek.Text}'.");
                }

                var name = Peek.Text;
                _pos++;
                if (IsOp("("))
                {
                    throw new CardTemplateException($"'{result.ToAelString()}.{name}(...)' is not supported.");
                }

                result = new AccessorExpr(name, result);
            }
            else if (IsOp("["))
            {
                _pos++;
                var index = ParseTernary();
                Expect("]");
                result = new ElementExpr(result, index);
            }
            else if (IsOp("("))
            {
                throw new CardTemplateException($"'{result.ToAelString()}' cannot be called.");
            }
            else
            {
                return result;
            }
        }
    }

    private static CallExpr Make(string type, params Expr[] args)
    {
        var e = new CallExpr(type, args);
        Functions.Validate(e);
        return e;
    }

    private static readonly string[] Operators = ["==", "!=", "<>", "&&", "||", "<=", ">=", "=>", "??", "+", "-", "!", "^", "*", "/", "%", "&", "<", ">", "(", ")", ".", "[", "]", ",", ":", "?", "{", "}"];

    private static List<Token> Tokenize(string s)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (c is ' ' or '\t' or '\ufeff' or '\u00a0' or '\r' or '\n')
            {
                i++;
                continue;
            }

            if (char.IsAsciiDigit(c))
            {
                var start = i;
                while (i < s.Length && char.IsAsciiDigit(s[i]))
                {
                    i++;
                }

                if (i + 1 < s.Length && s[i] == '.' && char.IsAsciiDigit(s[i + 1]))
                {
                    i++;
                    while (i < s.Length && char.IsAsciiDigit(s[i]))
                    {
                        i++;
                    }
                }

                var text = s[start..i];
                tokens.Add(new Token(Kind.Number, text, double.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture)));
                continue;
            }

            if (c is '\'' or '"')
            {
                var start = i;
                i++;
                var closed = false;
                while (i < s.Length)
                {
                    if (s[i] == '\\' && i + 1 < s.Length && (s[i + 1] == c || s[i + 1] == '\\'))
                    {
                        i += 2;
                        continue;
                    }

                    if (s[i] == c)
                    {
                        closed = true;
                        i++;
                        break;
                    }

                    i++;
                }

                if (!closed)
                {
                    throw new CardTemplateException($"unterminated string literal in '{s}'.");
                }

                var raw = s[(start + 1)..(i - 1)].Replace("\\" + c, c.ToString(), StringComparison.Ordinal);
                tokens.Add(new Token(Kind.String, s[start..i], EvalEscape(raw)));
                continue;
            }

            if (char.IsAsciiLetter(c) || c is '_' or '$')
            {
                var start = i;
                i++;
                while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new Token(Kind.Identifier, s[start..i]));
                continue;
            }

            var op = Operators.FirstOrDefault(o => string.CompareOrdinal(s, i, o, 0, o.Length) == 0);
            if (op is null || op is "{" or "}" or "=>")
            {
                throw new CardTemplateException($"unsupported character or syntax '{s[i..]}' in '{s}'.");
            }

            tokens.Add(new Token(Kind.Op, op));
            i += op.Length;
        }

        tokens.Add(new Token(Kind.End, "end of expression"));
        return tokens;
    }

    /// <summary>adaptive-expressions keeps unknown escapes as written and maps only \r \n \t \\.</summary>
    private static string EvalEscape(string text)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\')
            {
                sb.Append(text[i]);
                continue;
            }

            if (i + 1 >= text.Length || text[i + 1] is '\r' or '\n')
            {
                sb.Append('\\');
                continue;
            }

            var next = text[i + 1];
            i++;
            sb.Append(next switch
            {
                'r' => "\r",
                'n' => "\n",
                't' => "\t",
                '\\' => "\\",
                _ => "\\" + next,
            });
        }

        return sb.ToString();
    }
}
