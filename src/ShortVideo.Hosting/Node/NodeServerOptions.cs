namespace ShortVideo.Hosting.Node;

/// <summary>Kestrel transport settings of a node (configuration section <c>Server</c>).</summary>
public sealed class NodeServerOptions
{
    /// <summary>Smallest and largest <see cref="ReceiveBlockBytes"/>.</summary>
    public const int MinReceiveBlockBytes = 4 * 1024;

    /// <inheritdoc cref="MinReceiveBlockBytes"/>
    public const int MaxReceiveBlockBytes = 4 * 1024 * 1024;

    /// <summary>
    /// Size of the blocks the socket transport receives into: one recv() per block. 1 MiB by default: upload
    /// bodies then arrive in up to 1 MiB reads instead of 4 KiB ones (Kestrel's default), far fewer syscalls
    /// and wake-ups per byte (`svctl bench upload --parallel 64`: 64 KiB blocks 857 MB/s, 1 MiB 930 MB/s, same run).
    /// </summary>
    public int ReceiveBlockBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Run request code on the socket's I/O thread instead of queueing it to the thread pool (Kestrel's
    /// UnsafePreferInlineScheduling). On by default: upload handlers never block on I/O there (device writes
    /// go to pool threads), and the saved hand-off was worth about 8% of upload throughput on 2 cores.
    /// </summary>
    public bool InlineScheduling { get; set; } = true;

    /// <summary>Throws with a readable sentence when a value is out of range.</summary>
    public void Validate()
    {
        if (ReceiveBlockBytes is < MinReceiveBlockBytes or > MaxReceiveBlockBytes)
        {
            throw new InvalidOperationException(
                $"Server:ReceiveBlockBytes is {ReceiveBlockBytes}; it must be between {MinReceiveBlockBytes} and {MaxReceiveBlockBytes}.");
        }
    }
}
