namespace PartnerHub.Core.Supervision;

/// <summary>
/// The comment sent with a cancellation, one rule for writing it when the session is cancelled and for correcting it
/// afterwards: trimmed, blank means none, at most <see cref="MaxLength"/> characters and no CPR number.
/// </summary>
public static class CancellationComment
{
    public const int MaxLength = 500;

    /// <summary>The comment as stored (null: none), or false when the text may not be stored.</summary>
    public static bool TryRead(string? text, out string? comment)
    {
        comment = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (comment is { Length: > MaxLength } || (comment is not null && SessionForm.LooksLikeCpr(comment)))
        {
            comment = null;
            return false;
        }

        return true;
    }
}
