using PartnerHub.Api.Privacy.Subjects;

namespace PartnerHub.Api.Tests.Privacy.Subjects;

/// <summary>The one rule of an eraser's lost race (<see cref="ErasureRetry"/>): read again, erase from what is there now, three writes at most.</summary>
public sealed class ErasureRetryTests
{
    private sealed record Version(int Number);

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task A_record_that_changed_meanwhile_is_read_again_and_erased_from_its_new_version(int lost)
    {
        var tried = new List<int>();

        var written = await ErasureRetry.EraseAsync(
            new Version(1),
            v =>
            {
                tried.Add(v.Number);
                return Task.FromResult<bool?>(tried.Count > lost ? true : null);
            },
            v => Task.FromResult<Version?>(new Version(v.Number + 1)));

        Assert.True(written);
        Assert.Equal(Enumerable.Range(1, lost + 1), tried);
    }

    [Fact]
    public async Task Nothing_of_hers_on_it_is_no_write_and_no_retry()
    {
        var reads = 0;

        var written = await ErasureRetry.EraseAsync(new Version(1), _ => Task.FromResult<bool?>(false), v => Task.FromResult<Version?>(new Version(++reads)));

        Assert.False(written);
        Assert.Equal(0, reads);
    }

    [Fact]
    public async Task A_record_that_keeps_changing_or_goes_is_left_for_the_requests_repeat()
    {
        var tries = 0;

        await Assert.ThrowsAsync<SubjectChangedException>(() => ErasureRetry.EraseAsync(
            new Version(1),
            _ =>
            {
                tries++;
                return Task.FromResult<bool?>(null);
            },
            v => Task.FromResult<Version?>(new Version(v.Number + 1))));
        Assert.Equal(ErasureRetry.Attempts, tries);

        await Assert.ThrowsAsync<SubjectChangedException>(() => ErasureRetry.EraseAsync(new Version(1), _ => Task.FromResult<bool?>(null), _ => Task.FromResult<Version?>(null)));
    }
}
