using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using UglyToad.PdfPig;

namespace PartnerHub.Api.Tests.Reporting;

/// <summary>Reads each export back with the library (or the format's own rules) a reader of it would use.</summary>
internal static class ExportReaders
{
    /// <summary>One read cell: a number, or text.</summary>
    public readonly record struct Read(double? Number, string? Text)
    {
        public override string ToString() => Number?.ToString(CultureInfo.InvariantCulture) ?? Text ?? string.Empty;
    }

    /// <summary>Every sheet by name, in order, as rows of cells keyed by column index; and whether any cell has a formula.</summary>
    public static (List<(string Name, Dictionary<(int Row, int Column), Read> Cells)> Sheets, bool AnyFormula) Xlsx(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var document = SpreadsheetDocument.Open(stream, isEditable: false);
        var workbook = document.WorkbookPart!;
        var result = new List<(string, Dictionary<(int, int), Read>)>();
        var anyFormula = false;
        foreach (var sheet in workbook.Workbook.Sheets!.Elements<Sheet>())
        {
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            var cells = new Dictionary<(int, int), Read>();
            foreach (var cell in part.Worksheet.Descendants<Cell>())
            {
                anyFormula |= cell.CellFormula is not null;
                var (row, column) = Reference(cell.CellReference!);
                cells[(row, column)] = cell.DataType?.Value == CellValues.InlineString
                    ? new Read(null, cell.InlineString!.InnerText)
                    : cell.DataType is null || cell.DataType.Value == CellValues.Number
                        ? new Read(double.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture), null)
                        : throw new InvalidOperationException("Unexpected cell type " + cell.DataType.Value);
            }

            result.Add((sheet.Name!, cells));
        }

        return (result, anyFormula);
    }

    private static (int Row, int Column) Reference(string reference)
    {
        var letters = new string(reference.TakeWhile(char.IsAsciiLetter).ToArray());
        var column = letters.Aggregate(0, (n, ch) => (n * 26) + (ch - 'A' + 1)) - 1;
        return (int.Parse(reference[letters.Length..], CultureInfo.InvariantCulture) - 1, column);
    }

    /// <summary>RFC 4180 with ';': fields, quotes doubled inside quotes, CRLF between records. Checks the BOM.</summary>
    public static List<List<string>> Csv(byte[] bytes)
    {
        Assert.True(bytes.AsSpan().StartsWith(Encoding.UTF8.GetPreamble()), "The CSV starts with the UTF-8 byte order mark.");
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 3, bytes.Length - 3);
        var records = new List<List<string>>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ';')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (ch == '\r')
            {
                Assert.Equal('\n', text[i + 1]);
                i++;
                fields.Add(field.ToString());
                field.Clear();
                records.Add(fields);
                fields = [];
            }
            else
            {
                Assert.NotEqual('\n', ch);
                field.Append(ch);
            }
        }

        Assert.Empty(fields);
        Assert.Equal(0, field.Length);
        return records;
    }

    /// <summary>The PDF's pages' text as PdfPig extracts it, words joined by single spaces.</summary>
    public static List<string> PdfPages(byte[] bytes)
    {
        using var pdf = PdfDocument.Open(bytes);
        return pdf.GetPages().Select(page => string.Join(' ', page.GetWords().Select(w => w.Text))).ToList();
    }
}
