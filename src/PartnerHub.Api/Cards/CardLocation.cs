using PartnerHub.Api.Bot;

namespace PartnerHub.Api.Cards;

/// <summary>Where a card showing a record lives, so later changes can update it in place.</summary>
/// <param name="UserId">The person's Teams user id (29:…), for a card's refresh.userIds.</param>
/// <param name="Language">The language the card is shown in, kept when it is updated in place.</param>
public sealed record CardLocation(string ObjectId, string UserId, string ServiceUrl, string ConversationId, string ActivityId, string Language = "da")
{
    /// <summary>The card a person just acted on: the invoke's replyToId is the message that carries it.</summary>
    public static CardLocation? Of(CardActionContext context) =>
        context.Activity is { From.AadObjectId: { } objectId, From.Id: { } userId, ServiceUrl: { } serviceUrl, Conversation.Id: { } conversationId, ReplyToId: { } activityId }
            ? new CardLocation(objectId, userId, serviceUrl, conversationId, activityId, context.Language)
            : null;

    /// <summary>This card as the one acted on, for the update-cards outbox payload.</summary>
    public ActingCard AsActing() => new(ObjectId, ActivityId);
}
