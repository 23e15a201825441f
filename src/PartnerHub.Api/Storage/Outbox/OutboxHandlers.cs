using System.Text.RegularExpressions;

namespace PartnerHub.Api.Storage.Outbox;

/// <summary>
/// Sends what one kind of outbox message stands for (a Teams message, a Graph call). Called at least once per
/// message, so the side effect must be idempotent: key it on <see cref="OutboxDelivery.IdempotencyKey"/>.
/// Throw to have the delivery retried with back-off; throw <see cref="OutboxDeliveryException"/> to choose the
/// recorded error code or to give up at once. Registered in DI with <c>AddOutboxHandler&lt;T&gt;()</c>.
/// </summary>
public interface IOutboxHandler
{
    string Kind { get; }

    /// <param name="cancellationToken">Cancelled when the lease is about to run out or the host stops.</param>
    Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken);
}

/// <summary>One delivery attempt of an outbox row. <paramref name="Attempt"/> counts from 1.</summary>
/// <param name="OnlyFor">
/// The one person (Entra object id) this delivery is for, when the row re-sends a card that waited for her: a handler
/// that tells several people tells only her (the others had theirs). Null for an ordinary row.
/// </param>
public sealed record OutboxDelivery(string ProjectId, string RowKey, string Kind, string Payload, int Attempt, DateTimeOffset CreatedAt, string? OnlyFor = null)
{
    /// <summary>Unique per message and stable across attempts and dispatchers: the row key (<c>outbox|{ulid}</c>).</summary>
    public string IdempotencyKey => RowKey;

    /// <summary>
    /// No handler ran for this row before this attempt (not even one handed back uncounted at a shutdown), so nothing
    /// it remembers doing (<see cref="OutboxEffects"/>) can exist yet: a handler may skip looking.
    /// </summary>
    public bool FirstTry { get; init; }
}

/// <summary>Told when a message will not be retried automatically, so a feature can tell a person later.</summary>
public interface IOutboxFailureObserver
{
    Task OnFailedAsync(OutboxFailure failure, CancellationToken cancellationToken);
}

/// <summary>A message that gave up: kept in the table with <c>Failed=true</c> and its kind unchanged.</summary>
public sealed record OutboxFailure(string ProjectId, string RowKey, string Kind, string Payload, int Attempts, string ErrorCode);

/// <summary>
/// Thrown by a handler to record a chosen error code (short, no data: "conversationGone", "graph429"), and to
/// fail the message at once when retrying cannot help (<see cref="Permanent"/>).
/// </summary>
public sealed partial class OutboxDeliveryException : Exception
{
    public OutboxDeliveryException()
        : this("handlerError")
    {
    }

    public OutboxDeliveryException(string code)
        : this(code, permanent: false)
    {
    }

    public OutboxDeliveryException(string code, Exception innerException)
        : base("Outbox delivery failed: " + Sanitize(code), innerException) => Code = Sanitize(code);

    public OutboxDeliveryException(string code, bool permanent)
        : base("Outbox delivery failed: " + Sanitize(code))
    {
        Code = Sanitize(code);
        Permanent = permanent;
    }

    public string Code { get; } = "handlerError";

    public bool Permanent { get; }

    /// <summary>Error codes are stored and logged: keep them to a short token so no data can ride along.</summary>
    internal static string Sanitize(string? code) =>
        code is not null && CodePattern().IsMatch(code) ? code : "handlerError";

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}\\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex CodePattern();
}
