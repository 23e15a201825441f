using System.Globalization;
using System.Text.Json.Nodes;
using PartnerHub.Core.Course;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Outreach;
using PartnerHub.Teams.Cards;

namespace PartnerHub.Api.Outreach;

/// <summary>The outreach cards: the form (her answers kept and errors beside fields when it comes back) and the confirmation.</summary>
public sealed class OutreachViews(CardCatalog cards)
{
    public const string FormCard = "outreach-form";
    public const string LoggedCard = "outreach-logged";

    /// <summary>
    /// The form with the defaults that make it a few taps: today, a home visit, one woman. A new request id each time it
    /// is shown empty; the same one when it comes back with errors, so her corrected submit is still the one request.
    /// </summary>
    public JsonObject Form(string projectId, ThemeCatalogue themes, string language, DateOnly today, OutreachFormInput? values = null, IReadOnlyDictionary<string, string>? errors = null, string? requestId = null, string? notice = null)
    {
        ArgumentNullException.ThrowIfNull(themes);
        var errorTexts = new JsonObject();
        foreach (var (field, code) in errors ?? new Dictionary<string, string>())
        {
            errorTexts[field] = cards.Text(language, "formErrors." + code);
        }

        var data = new JsonObject
        {
            ["projectId"] = projectId,
            ["requestId"] = requestId ?? Guid.NewGuid().ToString("N"),
            ["today"] = Iso(today),
            ["kinds"] = Choices(Enum.GetValues<OutreachKind>().Select(k => (cards.Text(language, "outreach.kinds." + k), k.ToString()))),
            ["topics"] = Choices(themes.Themes.Select(t => (t.Title.For(language), t.Id))),
            ["services"] = Choices(Enum.GetValues<OutreachService>().Select(s => (cards.Text(language, "outreach.services." + s), s.ToString()))),
            ["values"] = new JsonObject
            {
                ["date"] = values?.Date ?? Iso(today),
                ["kind"] = values?.Kind ?? nameof(OutreachKind.HomeVisit),
                ["women"] = values?.Women ?? "1",
                ["topics"] = values?.Topics ?? string.Empty,
                ["services"] = values?.Services ?? string.Empty,
            },
            ["errors"] = errorTexts,
        };
        if (notice is not null)
        {
            data["notice"] = notice;
        }

        return cards.Render(FormCard, data, language);
    }

    /// <summary>"Logget: 3. december 2026, hjemmebesøg, 2 kvinder." with the topics and services, and a button for the next.</summary>
    public JsonObject Logged(OutreachEntry entry, ThemeCatalogue themes, string language, string? notice = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(themes);
        var data = new JsonObject
        {
            ["projectId"] = entry.ProjectId,
            ["summary"] = Summary(entry, language),
            ["topicsText"] = TopicsText(entry, themes, language),
            ["servicesText"] = ServicesText(entry, language),
        };
        if (notice is not null)
        {
            data["notice"] = notice;
        }

        return cards.Render(LoggedCard, data, language);
    }

    /// <summary>The confirmation's sentence, also the tab's line for the entry.</summary>
    public string Summary(OutreachEntry entry, string language)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var women = entry.Women == 1
            ? cards.Text(language, "outreach.logged.women.one")
            : string.Format(CultureInfo.InvariantCulture, cards.Text(language, "outreach.logged.women.other"), entry.Women);
        // Mid-sentence the kind is a common noun: "Logget: 3. december 2026, hjemmebesøg, 2 kvinder."
        var kind = cards.Text(language, "outreach.kinds." + entry.Kind).ToLowerInvariant();
        return string.Format(CultureInfo.InvariantCulture, cards.Text(language, "outreach.logged.summary"), CopenhagenDates.Date(entry.Date, language), kind, women);
    }

    /// <summary>The topics by their catalogue titles in her language, or "Ingen".</summary>
    public string TopicsText(OutreachEntry entry, ThemeCatalogue themes, string language)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(themes);
        var topics = entry.Topics.Select(id => themes.Find(id)?.Title.For(language) ?? id).ToList();
        return topics.Count == 0 ? cards.Text(language, "outreach.logged.none") : string.Join(", ", topics);
    }

    /// <summary>The services in her language, or "Ingen".</summary>
    public string ServicesText(OutreachEntry entry, string language)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var services = entry.Services.Select(s => cards.Text(language, "outreach.services." + s)).ToList();
        return services.Count == 0 ? cards.Text(language, "outreach.logged.none") : string.Join(", ", services);
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static JsonArray Choices(IEnumerable<(string Title, string Value)> choices) =>
        new([.. choices.Select(c => (JsonNode)new JsonObject { ["title"] = c.Title, ["value"] = c.Value })]);
}
