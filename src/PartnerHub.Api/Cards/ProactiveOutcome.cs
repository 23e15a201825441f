namespace PartnerHub.Api.Cards;

public enum ProactiveOutcome
{
    Sent,

    /// <summary>She has never written to the bot, so there is no personal chat to post in: the card waits for her (<see cref="WaitingCards"/>).</summary>
    Waiting,

    /// <summary>Her stored serviceUrl is not on the allow-list (any more): the bot's token never goes there.</summary>
    UntrustedServiceUrl,

    /// <summary>The render said there is nothing she may see.</summary>
    NothingToShow,

    /// <summary>The delivery re-sends a card that waited for someone else (<see cref="Storage.Outbox.OutboxDelivery.OnlyFor"/>): she had hers.</summary>
    NotThisRecipient,
}
