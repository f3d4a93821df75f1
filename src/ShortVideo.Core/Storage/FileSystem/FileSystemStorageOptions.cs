namespace ShortVideo.Storage.FileSystem;

/// <summary>Options of the filesystem storage (configuration section "Storage:FileSystem").</summary>
public sealed class FileSystemStorageOptions
{
    /// <summary>
    /// Root for uploads and blobs; default: the node's data directory. Uploads and blobs must be on one
    /// filesystem so a finished upload becomes a blob by an atomic rename, never a copy.
    /// </summary>
    public string? Root { get; set; }

    /// <summary>
    /// fsync on every commit. Off by default: acknowledged bytes are in the OS page cache and survive a
    /// crash or kill of the node; turn it on to survive a power loss too, at the cost of a disk flush per PATCH.
    /// </summary>
    public bool FlushToDisk { get; set; }

    /// <summary>
    /// Write upload bytes with O_DIRECT on Linux, bypassing the page cache: they are written once and
    /// read much later, and the kernel's copy into the cache was the largest CPU cost of uploading.
    /// Falls back to buffered writes where the filesystem refuses O_DIRECT. Default true.
    /// </summary>
    public bool DirectIo { get; set; } = true;
}
