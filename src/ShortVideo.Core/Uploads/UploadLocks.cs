namespace ShortVideo.Uploads;

/// <summary>
/// One writer per upload. A request that wants an upload held by another asks the holder to let go
/// (the holder's <see cref="UploadLease.ReleaseRequested"/> fires, it commits what it received and
/// returns), then waits a bounded time. This is what lets a client whose connection died half-open
/// resume at once instead of waiting for TCP to notice. Locks live in the process, so a restart
/// never leaves an upload locked.
/// </summary>
internal sealed class UploadLocks
{
    // A plain dictionary under one monitor: the reference count and the removal of idle entries must
    // change together, and the critical sections are a few instructions long.
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _sync = new();

    /// <summary>Acquires the upload, asking the current holder to release it; throws Locked after <paramref name="timeout"/>.</summary>
    public async ValueTask<UploadLease> AcquireAsync(string uploadId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var entry = Reference(uploadId);
        var acquired = false;
        try
        {
            if (!entry.Gate.Wait(0, CancellationToken.None))
            {
                entry.RequestRelease();
                if (!await entry.Gate.WaitAsync(timeout, cancellationToken).ConfigureAwait(false))
                {
                    throw new UploadException(UploadError.Locked, "Another request is writing to this upload and did not release it in time; retry shortly.");
                }
            }

            entry.NewHolder();
            acquired = true;
            return new UploadLease(this, uploadId, entry);
        }
        finally
        {
            if (!acquired)
            {
                Unreference(uploadId, entry);
            }
        }
    }

    /// <summary>Acquires only if free (the expiry sweeper never waits for a writer).</summary>
    public UploadLease? TryAcquire(string uploadId)
    {
        var entry = Reference(uploadId);
        if (!entry.Gate.Wait(0, CancellationToken.None))
        {
            Unreference(uploadId, entry);
            return null;
        }

        entry.NewHolder();
        return new UploadLease(this, uploadId, entry);
    }

    private Entry Reference(string uploadId)
    {
        lock (_sync)
        {
            if (!_entries.TryGetValue(uploadId, out var entry))
            {
                entry = new Entry();
                _entries.Add(uploadId, entry);
            }

            entry.References++;
            return entry;
        }
    }

    private void Unreference(string uploadId, Entry entry)
    {
        lock (_sync)
        {
            // Drop idle entries so the table does not grow with every upload ever seen.
            if (--entry.References == 0)
            {
                _entries.Remove(uploadId);
            }
        }
    }

    private void Release(string uploadId, Entry entry)
    {
        entry.Gate.Release();
        Unreference(uploadId, entry);
    }

    // Entries live as long as the process (or until idle and removed); their handles need no disposal.
#pragma warning disable CA1001
    internal sealed class Entry
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public int References;
        private CancellationTokenSource _release = new();

        public CancellationToken ReleaseToken => Volatile.Read(ref _release).Token;

        public void NewHolder()
        {
            var old = Interlocked.Exchange(ref _release, new CancellationTokenSource());
            old.Dispose();
        }

        public void RequestRelease()
        {
            try
            {
                Volatile.Read(ref _release).Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The holder finished between our check and the cancel: nothing to release.
            }
        }
    }

#pragma warning restore CA1001

    /// <summary>Holding an upload; dispose to release.</summary>
    internal sealed class UploadLease : IDisposable
    {
        private readonly UploadLocks _owner;
        private readonly string _uploadId;
        private readonly Entry _entry;
        private int _released;

        public UploadLease(UploadLocks owner, string uploadId, Entry entry)
        {
            _owner = owner;
            _uploadId = uploadId;
            _entry = entry;
        }

        /// <summary>Fires when another request asks for this upload.</summary>
        public CancellationToken ReleaseRequested => _entry.ReleaseToken;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                _owner.Release(_uploadId, _entry);
            }
        }
    }
}
