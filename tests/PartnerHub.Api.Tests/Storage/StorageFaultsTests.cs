using Azure;
using PartnerHub.Api.Storage;

namespace PartnerHub.Api.Tests.Storage;

/// <summary>The one rule for "try again": transient failures and exhausted contention are, lost races and bad requests are not.</summary>
public sealed class StorageFaultsTests
{
    [Theory]
    [InlineData(0, true)]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(400, false)]
    [InlineData(404, false)]
    [InlineData(409, false)]
    [InlineData(412, false)]
    public void A_status_is_a_try_again_only_when_transient(int status, bool unavailable) =>
        Assert.Equal(unavailable, StorageFaults.IsUnavailable(new RequestFailedException(status, "x"), CancellationToken.None));

    [Fact]
    public void Contention_that_ran_out_of_retries_is_a_try_again_not_a_lost_race()
    {
        var contended = StorageFaults.Contended("kept changing");

        Assert.True(StorageFaults.IsUnavailable(contended, CancellationToken.None));
        Assert.Equal("PartnerHubContended", contended.ErrorCode);
    }

    [Fact]
    public void A_cancellation_she_asked_for_is_not_a_fault_but_a_timeout_is()
    {
        using var aborted = new CancellationTokenSource();
        aborted.Cancel();

        Assert.False(StorageFaults.IsUnavailable(new OperationCanceledException(), aborted.Token));
        Assert.True(StorageFaults.IsUnavailable(new OperationCanceledException(), CancellationToken.None));
        Assert.True(StorageFaults.IsUnavailable(new AggregateException(new TimeoutException(), new IOException()), CancellationToken.None));
        Assert.False(StorageFaults.IsUnavailable(new AggregateException(new TimeoutException(), new InvalidOperationException()), CancellationToken.None));
    }
}
