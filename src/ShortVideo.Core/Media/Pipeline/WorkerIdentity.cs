using System.Globalization;

namespace ShortVideo.Media.Pipeline;

/// <summary>
/// The stable name of a media worker: the same after a restart, so the worker can take back the jobs it held when it
/// died (the lease holder is known) instead of leaving them until their leases expire; never the same as another live
/// worker's, so it never takes back work someone else is doing.
/// </summary>
/// <remarks>
/// Without a configured name, a worker holds an exclusive lock on the first free slot file of the data directory
/// (<c>workers/0.lock</c>, <c>1.lock</c>...). The kernel releases the lock when the process dies, even with kill -9, so
/// the restarted worker finds its old slot free and takes it again, while a second process on the same data directory
/// takes the next slot.
/// </remarks>
internal sealed class WorkerIdentity : IDisposable
{
    // More workers than any one data directory will see; the slot count only bounds the search.
    private const int Slots = 256;

    private readonly FileStream? _slot;

    private WorkerIdentity(string id, FileStream? slot)
    {
        Id = id;
        _slot = slot;
    }

    public string Id { get; }

    /// <summary>The configured name, else the first free slot of <paramref name="dataDirectory"/>.</summary>
    public static WorkerIdentity Acquire(string? configured, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new WorkerIdentity(configured, slot: null);
        }

        var directory = Path.Combine(dataDirectory, "workers");
        Directory.CreateDirectory(directory);
        for (var n = 0; n < Slots; n++)
        {
            try
            {
                // FileShare.None is an exclusive advisory lock (flock) on Unix, held for as long as the stream is open.
                var slot = new FileStream(Path.Combine(directory, n.ToString(CultureInfo.InvariantCulture) + ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return new WorkerIdentity(string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}-w{n}"), slot);
            }
            catch (IOException)
            {
                // Held by another live worker on this data directory: try the next slot.
            }
        }

        throw new InvalidOperationException($"All {Slots} worker slots of {directory} are held: set Media:Worker:WorkerId.");
    }

    public void Dispose() => _slot?.Dispose();
}
