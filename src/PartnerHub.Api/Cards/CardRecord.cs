namespace PartnerHub.Api.Cards;

/// <summary>The record a card shows, under which its location is remembered (<see cref="CardLocationStore"/>).</summary>
public sealed record CardRecord(CardKind Kind, string Id);
