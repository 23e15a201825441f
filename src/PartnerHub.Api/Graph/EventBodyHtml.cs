using System.Net;

namespace PartnerHub.Api.Graph;

/// <summary>
/// Builds an event body from user text (titles, agenda items, comments). Each piece is HTML-encoded before it becomes
/// markup, so a title with "&lt;", "&amp;" or quotes reads as typed in Outlook and can never inject markup or links.
/// </summary>
public static class EventBodyHtml
{
    /// <summary>One paragraph per piece of text; line breaks inside a piece become &lt;br&gt;.</summary>
    public static string Paragraphs(params IEnumerable<string?> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return string.Concat(texts
            .Where(text => !string.IsNullOrWhiteSpace(text))
            .Select(text => "<p>" + WebUtility.HtmlEncode(text!.ReplaceLineEndings("\n")).Replace("\n", "<br>", StringComparison.Ordinal) + "</p>"));
    }
}
