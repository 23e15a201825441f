using System.Text.Json.Nodes;
using PartnerHub.Api.Supervision;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Course;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;
using PartnerHub.Core.Supervision;
using PartnerHub.Teams.Cards;

namespace PartnerHub.Api.Tests.Cards;

/// <summary>
/// Every card input with a maxLength takes exactly what the rule behind it (Core's form, or the service REST shares)
/// accepts: a card that caps lower refuses text REST takes, one that caps higher lets her type what is then refused.
/// A new capped input fails here until it names its rule.
/// </summary>
public sealed class CardInputLimitsTests
{
    private static readonly string CardsFolder = Path.Combine(RepoPaths.Root, "cards");

    /// <summary>(card file, input id) → the rule's limit.</summary>
    private static readonly Dictionary<(string Card, string Input), int> Rules = new()
    {
        [("course-booking.card.json", "reason")] = BookingWorkflow.MaxReasonLength,
        [("course-reminder.card.json", "reason")] = BookingWorkflow.MaxReasonLength,
        [("course-proposal.card.json", "note")] = BookingWorkflow.MaxNoteLength,
        [("course-unanswered.card.json", "note")] = BookingWorkflow.MaxNoteLength,
        [("course-session.card.json", "note-${sessionId}")] = BookingWorkflow.MaxNoteLength,
        [("course-form.card.json", "name")] = CohortForm.MaxNameLength,
        [("course-form.card.json", "place")] = CohortForm.MaxPlaceLength,
        [("directory-member.card.json", "firstName")] = DirectoryForms.MaxFirstNameLength,
        [("directory-organisation.card.json", "organisationId")] = Project.MaxIdLength,
        [("directory-organisation.card.json", "name")] = DirectoryForms.MaxNameLength,
        [("referral-assignment.card.json", "notes")] = ReferralWorkflow.MaxNotesLength,
        [("referral-form.card.json", "firstName")] = ReferralForm.MaxNameLength,
        [("referral-form.card.json", "phone")] = ReferralForm.MaxPhoneLength,
        [("referral-form.card.json", "note")] = ReferralForm.MaxNoteLength,
        [("session-coordinator.card.json", "reason")] = CancellationComment.MaxLength,
        [("session-form.card.json", "title")] = SessionForm.MaxTitleLength,
        [("session-form.card.json", "agenda")] = SessionForm.MaxAgendaLength,
        [("session-form.card.json", "place")] = SessionForm.MaxPlaceLength,
        [("session-minutes.card.json", "minutesText")] = SessionService.MaxMinutesLength,
    };

    [Fact]
    public void Every_capped_card_input_takes_what_its_rule_takes()
    {
        var found = Directory.EnumerateFiles(CardsFolder, "*.card.json")
            .SelectMany(file => CappedInputs(Path.GetFileName(file), JsonNode.Parse(File.ReadAllText(file))))
            .ToList();

        Assert.Equal(Rules.Keys.Order(), found.Select(input => (input.Card, input.Input)).Order());
        Assert.All(found, input => Assert.True(Rules[(input.Card, input.Input)] == input.MaxLength, $"{input.Card} {input.Input}: {input.MaxLength}, the rule {Rules[(input.Card, input.Input)]}"));
    }

    [Fact]
    public void The_rules_the_cards_name_are_the_ones_that_refuse()
    {
        Assert.True(Project.IsValidId("a" + new string('b', Project.MaxIdLength - 1)));
        Assert.False(Project.IsValidId("a" + new string('b', Project.MaxIdLength)));
        Assert.Null(ReferralForm.NormalisePhone("+45 12 34 56 78" + new string(' ', 1) + new string('-', ReferralForm.MaxPhoneLength)));
        Assert.Equal("+4512345678", ReferralForm.NormalisePhone("+45 12 34 56 78"));
        Assert.Equal(SessionWorkflow.MaxCancelReasonLength, CancellationComment.MaxLength);
    }

    [Fact]
    public void The_cancellation_message_error_states_the_rules_limit()
    {
        var cards = CardCatalog.Load(CardsFolder);
        var limit = CancellationComment.MaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Contains(limit, cards.Text("da", "sessions.coordinator.cancelReasonError"), StringComparison.Ordinal);
        Assert.Contains(limit, cards.Text("en", "sessions.coordinator.cancelReasonError"), StringComparison.Ordinal);
    }

    private static IEnumerable<(string Card, string Input, int MaxLength)> CappedInputs(string card, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject element:
                if (element["maxLength"] is JsonValue max)
                {
                    yield return (card, (string?)element["id"] ?? "(no id)", max.GetValue<int>());
                }

                foreach (var child in element.Select(property => property.Value).SelectMany(value => CappedInputs(card, value)))
                {
                    yield return child;
                }

                break;
            case JsonArray array:
                foreach (var child in array.SelectMany(value => CappedInputs(card, value)))
                {
                    yield return child;
                }

                break;
        }
    }
}
