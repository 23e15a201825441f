namespace PartnerHub.Api.Tests.Fuzzing;

/// <summary>
/// One host's tables as they are now, read again only when the host sent a storage write since the last read
/// (<see cref="StorageWriteRecorder"/>). Most fuzz batches are refused without writing anything, so most "after"
/// snapshots are the "before" one: the comparison "identical before and after" stays exact, the full read is skipped.
/// Refusals' audit inserts do not make a read either: a later read shows them as added audit rows with Allowed=false,
/// which both fuzzers let through, as they did when every batch was read.
/// </summary>
internal sealed class WatchedTables
{
    private readonly string _tablePrefix;
    private readonly StorageWriteRecorder _writes;
    private TableSnapshot? _snapshot;
    private long? _mark;

    public WatchedTables(string tablePrefix, StorageWriteRecorder writes)
    {
        _tablePrefix = tablePrefix;
        _writes = writes;
        writes.AuditTablePath = "/" + tablePrefix + PartnerHub.Api.Storage.TableNames.Audit;
    }

    /// <summary>Refusals' audit rows inserted so far (the recorder's count: those rows alone do not make a read).</summary>
    public long DeniedAudits => _writes.DeniedAudits;

    /// <summary>Full reads so far (for the test output: how many the recorder saved).</summary>
    public int Reads { get; private set; }

    public async Task<TableSnapshot> NowAsync()
    {
        // The mark is taken before the read: a write that starts after it is in flight or counted at the next call.
        var mark = _writes.Mark();
        if (_snapshot is not null && mark is not null && mark == _mark)
        {
            return _snapshot;
        }

        _snapshot = await TableSnapshot.TakeAsync(_tablePrefix);
        _mark = mark;
        Reads++;
        return _snapshot;
    }
}
