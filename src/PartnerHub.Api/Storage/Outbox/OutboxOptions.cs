namespace PartnerHub.Api.Storage.Outbox;

/// <summary>Configuration section "Outbox".</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>Runs the background loop (queue receive and sweep). Off in tests that drive <c>DeliverAsync</c> themselves.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often every registered project is swept for due rows (the safety net for lost nudges).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a claimed row belongs to one dispatcher. The handler is cancelled at 80% of it, so the result is
    /// recorded before anyone else may claim the row. Longer than any handler should take.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Attempts before a row is marked failed and left for a person.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Back-off after the first failed attempt; doubles each attempt up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Each back-off is shortened by a random share of up to this fraction, so retries spread out.</summary>
    public double Jitter { get; set; } = 0.2;

    /// <summary>Logical queue name for nudges; the storage prefix is applied and it is lowercased.</summary>
    public string QueueName { get; set; } = "outbox";

    /// <summary>Pause before asking an empty queue again.</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a received nudge stays invisible; if the process dies it comes back after this.</summary>
    public TimeSpan QueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long <c>outbox-done|</c> tombstones are kept before the sweep removes them.</summary>
    public TimeSpan TombstoneRetention { get; set; } = TimeSpan.FromDays(7);

    internal bool IsValid() =>
        SweepInterval > TimeSpan.Zero && LeaseDuration > TimeSpan.Zero && MaxAttempts >= 1 &&
        BaseDelay >= TimeSpan.Zero && MaxDelay >= BaseDelay && Jitter is >= 0 and <= 1 &&
        !string.IsNullOrWhiteSpace(QueueName) && QueuePollInterval > TimeSpan.Zero &&
        QueueVisibilityTimeout > TimeSpan.Zero && TombstoneRetention > TimeSpan.Zero;
}
