using System.Text;

namespace PartnerHub.Api.Documents;

/// <summary>
/// CSV that Danish Excel opens by double-click: UTF-8 with a byte order mark (or æøå turn to mojibake), semicolons
/// (Danish Excel's list separator, since the comma is the decimal mark), CRLF. The one rule for every CSV PartnerHub
/// writes (the funder report, the audit trail).
/// </summary>
public sealed class ExcelCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    private const char Separator = ';';
    private const string NewLine = "\r\n";

    private readonly StringBuilder _text = new();

    /// <summary>One line of fields, each written by <see cref="Field"/>.</summary>
    public ExcelCsv Line(params string[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        _text.AppendJoin(Separator, fields.Select(Field));
        _text.Append(NewLine);
        return this;
    }

    public ExcelCsv BlankLine()
    {
        _text.Append(NewLine);
        return this;
    }

    /// <summary>The file's bytes: the byte order mark, then the lines.</summary>
    public byte[] ToBytes() => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(_text.ToString())];

    /// <summary>
    /// Quoted when it holds a separator, a quote or a line break; a field Excel would run as a formula (=, +, -, @ first,
    /// e.g. in a project's name) gets a leading apostrophe.
    /// </summary>
    public static string Field(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(";\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
