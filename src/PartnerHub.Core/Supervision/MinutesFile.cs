using System.Diagnostics.CodeAnalysis;
using System.Text.Unicode;

namespace PartnerHub.Core.Supervision;

/// <summary>A minutes file that passed <see cref="MinutesFile.Validate"/>: its extension and the content type it is stored with.</summary>
public sealed record ValidMinutesFile(string Extension, string ContentType, long Length);

/// <summary>
/// The rules for a minutes file the coordinator attaches (REST upload or a file sent to the bot). Pure: the caller
/// reads the first <see cref="SniffBytes"/> bytes and passes them in.
/// <list type="bullet">
/// <item>Types: PDF, Word (.docx), OpenDocument text (.odt), RTF and plain UTF-8 text. The extension of the user's file
/// name must be one of them (the name is used for nothing else) AND the first bytes must look like that type: a renamed
/// executable or a .doc with a .docx name is refused. Old binary .doc and macro formats (.docm) are not accepted.</item>
/// <item>Size: 1 byte to <see cref="MaxBytes"/> (50 MiB). An empty file is refused.</item>
/// <item>The content type the client declares is not trusted; the stored type follows from the extension.</item>
/// </list>
/// </summary>
public static class MinutesFile
{
    public const long MaxBytes = 50L * 1024 * 1024;

    /// <summary>How many leading bytes the magic-byte check needs (an ODF package names its type within the first 80).</summary>
    public const int SniffBytes = 512;

    public const string Field = "file";

    /// <summary>The extensions an attached file may have, lower case with the dot, and the content type it is stored with.</summary>
    public static readonly IReadOnlyDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".pdf"] = "application/pdf",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".odt"] = "application/vnd.oasis.opendocument.text",
        [".rtf"] = "application/rtf",
        [".txt"] = "text/plain; charset=utf-8",
    };

    public static class Errors
    {
        /// <summary>No file, or an empty one.</summary>
        public const string Required = "required";

        /// <summary>Larger than <see cref="MaxBytes"/>.</summary>
        public const string TooLarge = "tooLarge";

        /// <summary>The name's extension is not one of <see cref="ContentTypes"/>.</summary>
        public const string UnsupportedType = "unsupportedType";

        /// <summary>The bytes are not what the extension says.</summary>
        public const string ContentMismatch = "contentMismatch";
    }

    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Rtf = @"{\rtf"u8.ToArray();
    private static readonly byte[] OdtMimetype = "mimetypeapplication/vnd.oasis.opendocument.text"u8.ToArray();
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <param name="originalFileName">The user's file name: only its extension is read.</param>
    /// <param name="length">The file's size in bytes.</param>
    /// <param name="head">The first bytes of the file (up to <see cref="SniffBytes"/>; all of it when shorter).</param>
    /// <returns>The valid file, or null with one error code under <see cref="Field"/>.</returns>
    public static (ValidMinutesFile? File, IReadOnlyDictionary<string, string> Errors) Validate(string? originalFileName, long length, ReadOnlySpan<byte> head)
    {
        if (length <= 0 || head.IsEmpty)
        {
            return Refuse(Errors.Required);
        }

        if (length > MaxBytes)
        {
            return Refuse(Errors.TooLarge);
        }

        if (!TryGetType(originalFileName, out var extension, out var contentType))
        {
            return Refuse(Errors.UnsupportedType);
        }

        var looksRight = extension switch
        {
            ".pdf" => head.StartsWith(Pdf),
            ".docx" => head.StartsWith(Zip) && !IsOdf(head),
            ".odt" => IsOdt(head),
            ".rtf" => head.StartsWith(Rtf),
            ".txt" => IsText(head, complete: head.Length >= length),
            _ => false,
        };
        return looksRight ? (new ValidMinutesFile(extension, contentType, length), new Dictionary<string, string>()) : Refuse(Errors.ContentMismatch);
    }

    /// <summary>
    /// The type rule by name alone: the extension and stored content type of an accepted file name. Lets a caller refuse
    /// a wrong type before fetching any bytes; <see cref="Validate"/> applies the same rule, then checks the bytes.
    /// </summary>
    public static bool TryGetType(string? fileName, [NotNullWhen(true)] out string? extension, [NotNullWhen(true)] out string? contentType)
    {
        extension = ExtensionOf(fileName);
        contentType = null;
        return extension is not null && ContentTypes.TryGetValue(extension, out contentType);
    }

    /// <summary>The lower-case extension with its dot of a file name's last segment, or null when it has none.</summary>
    public static string? ExtensionOf(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return null;
        }

        // Only the last path segment: some clients send "C:\Users\…\referat.pdf".
        var name = fileName.Trim();
        name = name[(Math.Max(name.LastIndexOf('/'), name.LastIndexOf('\\')) + 1)..];
        var dot = name.LastIndexOf('.');
        return dot <= 0 || dot == name.Length - 1 ? null : name[dot..].ToLowerInvariant();
    }

    // An ODF package starts with an uncompressed "mimetype" entry (ODF 1.2 part 3, 3.3): the local header is 30 bytes.
    private static bool IsOdf(ReadOnlySpan<byte> head) =>
        head.StartsWith(Zip) && head.Length > 38 && head[30..].StartsWith("mimetype"u8);

    private static bool IsOdt(ReadOnlySpan<byte> head) =>
        head.StartsWith(Zip) && head.Length >= 30 + OdtMimetype.Length && head[30..].StartsWith(OdtMimetype);

    /// <summary>UTF-8 (BOM optional) without NUL or other control characters than tab, CR, LF and form feed.</summary>
    private static bool IsText(ReadOnlySpan<byte> head, bool complete)
    {
        if (head.StartsWith(Utf8Bom))
        {
            head = head[Utf8Bom.Length..];
        }

        foreach (var b in head)
        {
            if (b < 0x20 && b is not (0x09 or 0x0A or 0x0C or 0x0D))
            {
                return false;
            }
        }

        // The sniffed head may end inside a multi-byte character: trim an incomplete tail before checking the encoding.
        if (!complete)
        {
            var cut = head.Length;
            for (var i = 1; i <= 3 && i <= head.Length; i++)
            {
                var b = head[^i];
                if ((b & 0xC0) == 0xC0)
                {
                    cut = head.Length - i;
                    break;
                }

                if ((b & 0x80) == 0)
                {
                    break;
                }
            }

            head = head[..cut];
        }

        return Utf8.IsValid(head);
    }

    private static (ValidMinutesFile?, IReadOnlyDictionary<string, string>) Refuse(string code) =>
        (null, new Dictionary<string, string> { [Field] = code });
}
