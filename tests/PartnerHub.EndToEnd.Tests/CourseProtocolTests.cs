using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Course;
using PartnerHub.Api.Demo;
using PartnerHub.Core.Course;
using PartnerHub.EndToEnd.Tests.Infrastructure;

namespace PartnerHub.EndToEnd.Tests;

/// <summary>
/// A teacher's counter-proposal through the Agents Playground, without a browser: Alex acts as Johanna (a teacher of the
/// demo's running cohort), opens her unanswered booking from "mine bookinger" and proposes another day; the coordinator's
/// card comes to the chat through the outbox, and Alex, himself again, takes the new date. The booking is then confirmed
/// and the session has moved, in storage as on the cards.
/// </summary>
[Collection(TeamsEmulatorCollectionDefinition.Name)]
public sealed class CourseProtocolTests(TeamsEmulatorFixture fixture)
{
    private const string BookingId = "b-requested";

    [Fact]
    public async Task A_teacher_proposes_another_date_and_the_coordinator_accepts_it()
    {
        var playground = await fixture.StartFreshPlaygroundAsync();
        await using var client = await PlaygroundClient.ConnectAsync(playground.BaseAddress);
        var config = await client.GetConfigAsync();
        var conversationId = config.StringAt("config", "personalChat", "id") ?? throw new InvalidOperationException("No personal chat.");
        var botId = config.StringAt("config", "bot", "id") ?? throw new InvalidOperationException("No bot.");
        await client.InstallAsync(conversationId);
        await client.WaitForBotAnswerAsync("conversationUpdate");
        await client.WaitForBotMessageAsync(
            conversationId, botId, m => BotTexts.WelcomeTitles.Contains(AdaptiveCardJson.Title(AdaptiveCardJson.CardOf(m)) ?? string.Empty), "the welcome card");
        await SayAsync(client, conversationId, botId, "demo: mig");

        var store = fixture.Api.Services.GetRequiredService<CourseStore>();
        var cohort = (await store.FindCohortAsync(DemoData.Vollsmose.Id, CourseDemoSeed.RunningCohortId, CancellationToken.None))!.Cohort;
        var before = (await store.FindBookingAsync(DemoData.Vollsmose.Id, cohort.Id, BookingId, CancellationToken.None))!.Booking;
        Assert.Equal(BookingState.Requested, before.State);
        var proposed = FreeDayAfter(cohort.Plan, cohort.Plan.Find(before.SessionId)!.Date);

        // Johanna: her bookings, the unanswered one opened, another day proposed.
        await SayAsync(client, conversationId, botId, "demo: Johanna");
        var mine = AdaptiveCardJson.CardOf(await SayAsync(client, conversationId, botId, "mine bookinger"));
        var open = Assert.Single(AdaptiveCardJson.ExecuteActions(mine), a => a.StringAt("verb") == CourseVerbs.OpenBooking && a.StringAt("data", "bookingId") == BookingId);
        var mineId = LastCardId(client, conversationId, botId);
        var booking = (await client.ExecuteAsync(conversationId, BotTexts.Alex, mineId, open)).At("value");
        var propose = Assert.Single(AdaptiveCardJson.ExecuteActions(booking), a => a.StringAt("verb") == CourseVerbs.ProposeDate).DeepClone();
        // What the page adds to the action's data from the card's inputs.
        propose["data"]!["date"] = proposed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        propose["data"]!["otherWeekday"] = "true";
        var answered = (await client.ExecuteAsync(conversationId, BotTexts.Alex, mineId, propose)).At("value");
        Assert.Contains(AdaptiveCardJson.Texts(answered), t => t.Contains("Ny dato foreslået", StringComparison.Ordinal));

        // The coordinator's card arrives through the outbox (to this chat: the demo's people share it).
        var proposal = await client.WaitForBotMessageAsync(
            conversationId, botId,
            m => AdaptiveCardJson.ExecuteActions(AdaptiveCardJson.CardOf(m)).Any(a => a.StringAt("verb") == CourseVerbs.AcceptProposal && a.StringAt("data", "bookingId") == BookingId),
            "the coordinator's counter-proposal card");

        // Alex, the coordinator, takes the new date.
        await SayAsync(client, conversationId, botId, "demo: mig");
        var accept = Assert.Single(AdaptiveCardJson.ExecuteActions(AdaptiveCardJson.CardOf(proposal)), a => a.StringAt("verb") == CourseVerbs.AcceptProposal);
        var accepted = (await client.ExecuteAsync(conversationId, BotTexts.Alex, proposal.StringAt("messageId")!, accept)).At("value");
        // His answer is the booking as it is now: nothing left to accept (in whichever language he chose).
        Assert.DoesNotContain(AdaptiveCardJson.ExecuteActions(accepted), a => a.StringAt("verb") == CourseVerbs.AcceptProposal);

        var after = (await store.FindBookingAsync(DemoData.Vollsmose.Id, cohort.Id, BookingId, CancellationToken.None))!.Booking;
        var moved = (await store.FindCohortAsync(DemoData.Vollsmose.Id, cohort.Id, CancellationToken.None))!.Cohort;
        Assert.Equal(BookingState.Confirmed, after.State);
        Assert.Equal(proposed, moved.Plan.Find(before.SessionId)!.Date);
    }

    // A day in the fortnight after the session that no holiday takes and the plan leaves free.
    private static DateOnly FreeDayAfter(CoursePlan plan, DateOnly session) => Enumerable.Range(1, 13)
        .Select(session.AddDays)
        .First(d => PlanGenerator.ReasonToSkip(d, plan.StartTime, plan.EndTime, CourseDemoSeed.Settings.SchoolHolidays) is null && plan.Counting.All(s => s.Date != d));

    /// <summary>Alex types; waits for the bot's first new message after it.</summary>
    private static async Task<JsonNode> SayAsync(PlaygroundClient client, string conversationId, string botId, string text)
    {
        var before = client.BotMessages(conversationId, botId).ToHashSet<JsonNode>(ReferenceEqualityComparer.Instance);
        await client.SendTextAsync(conversationId, BotTexts.Alex, text);
        return await client.WaitForBotMessageAsync(conversationId, botId, m => !before.Contains(m), $"the answer to \"{text}\"");
    }

    private static string LastCardId(PlaygroundClient client, string conversationId, string botId) =>
        client.BotMessages(conversationId, botId).Last(m => AdaptiveCardJson.CardOf(m) is not null).StringAt("messageId")!;
}
