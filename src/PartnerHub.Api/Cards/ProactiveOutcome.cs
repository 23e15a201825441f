namespace PartnerHub.Api.Cards;

public enum ProactiveOutcome
{
    Sent,

    /// <summary>She has never written to the bot, so there is no personal chat to post in.</summary>
    NoConversation,

    /// <summary>Her stored serviceUrl is not on the allow-list (any more): the bot's token never goes there.</summary>
    UntrustedServiceUrl,

    /// <summary>The render said there is nothing she may see.</summary>
    NothingToShow,
}
