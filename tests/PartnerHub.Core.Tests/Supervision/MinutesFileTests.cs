using System.Text;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Core.Tests.Supervision;

/// <summary>The attached-minutes rules: type by extension AND by the first bytes, 1 byte to 50 MiB, the name used for its extension only.</summary>
public class MinutesFileTests
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n");
    private static readonly byte[] Docx = Zip("[Content_Types].xml", "<?xml version=\"1.0\"?><Types/>");
    private static readonly byte[] Odt = Zip("mimetype", "application/vnd.oasis.opendocument.text");
    private static readonly byte[] Ods = Zip("mimetype", "application/vnd.oasis.opendocument.spreadsheet");
    private static readonly byte[] Rtf = Encoding.ASCII.GetBytes(@"{\rtf1\ansi\deff0 {\fonttbl {\f0 Times;}} Referat\par }");
    private static readonly byte[] Text = Encoding.UTF8.GetBytes("Temaer: hjemmebesøg, skolestart og æblegrød.\r\nAftaler: næste møde i Beboerhuset.\n");
    private static readonly byte[] Exe = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00];
    private static readonly byte[] Ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0x00, 0x00];

    public static TheoryData<string, byte[], string, string> Accepted => new()
    {
        { "Referat 12. nov.PDF", Pdf, ".pdf", "application/pdf" },
        { "referat.docx", Docx, ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
        { "referat.odt", Odt, ".odt", "application/vnd.oasis.opendocument.text" },
        { "referat.rtf", Rtf, ".rtf", "application/rtf" },
        { "noter.txt", Text, ".txt", "text/plain; charset=utf-8" },
        { @"C:\Users\karen\Dokumenter\referat.pdf", Pdf, ".pdf", "application/pdf" },
        { "noter-med-bom.txt", [0xEF, 0xBB, 0xBF, .. Text], ".txt", "text/plain; charset=utf-8" },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Files_whose_bytes_match_their_extension_are_accepted(string name, byte[] bytes, string extension, string contentType)
    {
        var (file, errors) = MinutesFile.Validate(name, bytes.Length, bytes);

        Assert.Empty(errors);
        Assert.Equal(new ValidMinutesFile(extension, contentType, bytes.Length), file);
    }

    public static TheoryData<string?, byte[], string> Refused => new()
    {
        // Wrong or missing extension.
        { "referat.exe", Exe, MinutesFile.Errors.UnsupportedType },
        { "referat.doc", Ole, MinutesFile.Errors.UnsupportedType },
        { "referat.docm", Docx, MinutesFile.Errors.UnsupportedType },
        { "referat.html", Text, MinutesFile.Errors.UnsupportedType },
        { "referat", Pdf, MinutesFile.Errors.UnsupportedType },
        { "referat.", Pdf, MinutesFile.Errors.UnsupportedType },
        { ".pdf", Pdf, MinutesFile.Errors.UnsupportedType },
        { null, Pdf, MinutesFile.Errors.UnsupportedType },
        { "referat.pdf.exe", Exe, MinutesFile.Errors.UnsupportedType },
        // Right extension, wrong bytes: a renamed program, an old Word file, a spreadsheet, binary "text".
        { "referat.pdf", Exe, MinutesFile.Errors.ContentMismatch },
        { "referat.exe.pdf", Exe, MinutesFile.Errors.ContentMismatch },
        { "referat.docx", Ole, MinutesFile.Errors.ContentMismatch },
        { "referat.docx", Pdf, MinutesFile.Errors.ContentMismatch },
        { "referat.docx", Odt, MinutesFile.Errors.ContentMismatch },
        { "referat.odt", Docx, MinutesFile.Errors.ContentMismatch },
        { "referat.odt", Ods, MinutesFile.Errors.ContentMismatch },
        { "referat.rtf", Text, MinutesFile.Errors.ContentMismatch },
        { "referat.txt", Exe, MinutesFile.Errors.ContentMismatch },
        { "referat.txt", Pdf[..9].Concat(new byte[] { 0x00, 0x01 }).ToArray(), MinutesFile.Errors.ContentMismatch },
        { "referat.txt", [0x52, 0xE6, 0x62], MinutesFile.Errors.ContentMismatch }, // Latin-1 "Ræb": not UTF-8
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Files_of_other_types_or_with_other_bytes_are_refused(string? name, byte[] bytes, string code)
    {
        var (file, errors) = MinutesFile.Validate(name, bytes.Length, bytes);

        Assert.Null(file);
        Assert.Equal(code, Assert.Single(errors, e => e.Key == MinutesFile.Field).Value);
    }

    [Fact]
    public void An_empty_file_is_refused_before_anything_else()
    {
        Assert.Equal(MinutesFile.Errors.Required, MinutesFile.Validate("referat.exe", 0, []).Errors[MinutesFile.Field]);
        Assert.Equal(MinutesFile.Errors.Required, MinutesFile.Validate("referat.pdf", 10, []).Errors[MinutesFile.Field]);
    }

    [Fact]
    public void Up_to_50_MiB_is_accepted_and_one_byte_more_is_refused()
    {
        Assert.NotNull(MinutesFile.Validate("referat.pdf", MinutesFile.MaxBytes, Pdf).File);
        Assert.Equal(MinutesFile.Errors.TooLarge, MinutesFile.Validate("referat.pdf", MinutesFile.MaxBytes + 1, Pdf).Errors[MinutesFile.Field]);
    }

    [Fact]
    public void A_text_head_cut_inside_a_danish_letter_is_still_text()
    {
        // "æ" is two bytes in UTF-8; the sniffed head of a longer file may end between them.
        var bytes = Encoding.UTF8.GetBytes(new string('a', MinutesFile.SniffBytes - 1) + "æble");
        var head = bytes.AsSpan(0, MinutesFile.SniffBytes);

        Assert.NotNull(MinutesFile.Validate("noter.txt", bytes.Length, head).File);
        // The same cut in a file that really ends there is broken UTF-8.
        Assert.Null(MinutesFile.Validate("noter.txt", head.Length, head).File);
    }

    [Fact]
    public void Every_accepted_type_names_a_document_that_SessionMinutes_accepts()
    {
        var session = SupervisionFixtures.Scheduled();
        Assert.All(MinutesFile.ContentTypes.Keys, extension =>
            Assert.True(SessionMinutes.IsMinutesFileNameFor(session, SessionMinutes.MinutesFileName(session, extension))));
    }

    [Fact]
    public void Minutes_need_a_session_that_has_begun_and_was_not_cancelled()
    {
        var session = SupervisionFixtures.Scheduled();
        Assert.False(SessionMinutes.CanAddMinutes(session, session.Start.AddMinutes(-1)));
        Assert.True(SessionMinutes.CanAddMinutes(session, session.Start));
        Assert.True(SessionMinutes.CanAddMinutes(session with { State = SessionState.Held }, session.End.AddDays(30)));
        Assert.False(SessionMinutes.CanAddMinutes(session with { State = SessionState.Cancelled }, session.End.AddDays(1)));
    }

    /// <summary>A zip's first local file header, stored (uncompressed), as ODF requires for "mimetype".</summary>
    private static byte[] Zip(string entryName, string content)
    {
        var name = Encoding.ASCII.GetBytes(entryName);
        var data = Encoding.ASCII.GetBytes(content);
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write(0x04034B50u);
        writer.Write((ushort)20); // version
        writer.Write((ushort)0); // flags
        writer.Write((ushort)0); // stored
        writer.Write(0u); // time and date
        writer.Write(0u); // crc (not checked by the sniffer)
        writer.Write((uint)data.Length);
        writer.Write((uint)data.Length);
        writer.Write((ushort)name.Length);
        writer.Write((ushort)0);
        writer.Write(name);
        writer.Write(data);
        writer.Flush();
        return stream.ToArray();
    }
}
