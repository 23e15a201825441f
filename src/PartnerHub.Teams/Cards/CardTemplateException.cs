namespace PartnerHub.Teams.Cards;

/// <summary>
/// A card template uses something outside the supported subset, or expanding it hit a case where
/// adaptivecards-templating 2.3.1 itself throws. We fail loudly rather than render something different.
/// </summary>
public sealed class CardTemplateException : Exception
{
    public CardTemplateException()
    {
    }

    public CardTemplateException(string message)
        : base(message)
    {
    }

    public CardTemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
