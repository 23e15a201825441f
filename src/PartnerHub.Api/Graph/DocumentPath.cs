using System.Text.RegularExpressions;

namespace PartnerHub.Api.Graph;

/// <summary>
/// Checks a library folder and file name before they become part of a Graph path. PartnerHub builds them from ids and
/// dates; anything else (a path separator, characters SharePoint refuses, something shaped like a CPR number) means a
/// caller put user text or personal data where it must not go, so it is refused rather than cleaned up.
/// </summary>
public static partial class DocumentPath
{
    public const int MaxNameLength = 128;

    private static readonly HashSet<string> ReservedNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "desktop.ini", "_vti_",
    };

    /// <summary>The path under the drive root, segments checked; folder may be empty for the root itself.</summary>
    public static string Combine(string folder, string fileName)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ValidateName(fileName, nameof(fileName));
        var segments = folder.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var segment in segments)
        {
            ValidateName(segment, nameof(folder));
        }

        return string.Join('/', segments.Append(fileName));
    }

    public static void ValidateName(string name, string parameterName)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength || name.Trim() != name)
        {
            throw new ArgumentException($"A document name must have 1 to {MaxNameLength} characters and no leading or trailing space.", parameterName);
        }

        if (!SafeName().IsMatch(name) || name.StartsWith('.') || name.EndsWith('.') || name.Contains("..", StringComparison.Ordinal))
        {
            throw new ArgumentException("A document name may hold letters, digits, '-', '_', '.' and spaces only, and no leading or trailing dot.", parameterName);
        }

        if (ReservedNames.Contains(Path.GetFileNameWithoutExtension(name)) || ReservedNames.Contains(name))
        {
            throw new ArgumentException("A document name may not be a name SharePoint reserves.", parameterName);
        }

        if (CprLike().IsMatch(name))
        {
            throw new ArgumentException("A document name may not contain a CPR number.", parameterName);
        }
    }

    [GeneratedRegex(@"^[\p{L}\p{Nd}_\-. ]+$")]
    private static partial Regex SafeName();

    // Six digits (a birth date), a separator or none, four digits: how a CPR number is written.
    [GeneratedRegex(@"(?<!\d)[0-3]\d[01]\d\d\d[- ]?\d{4}(?!\d)")]
    private static partial Regex CprLike();
}
