namespace PartnerHub.Api.Cards;

/// <summary>Told when a card for someone has started to wait for her to open PartnerHub (ids only), e.g. for the coordinator's report.</summary>
public interface IWaitingCardObserver
{
    Task OnWaitingAsync(string projectId, string objectId, CancellationToken cancellationToken);
}
