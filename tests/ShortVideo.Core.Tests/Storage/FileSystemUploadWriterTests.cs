using Microsoft.Extensions.Options;
using ShortVideo.Storage.FileSystem;

namespace ShortVideo.Core.Tests.Storage;

/// <summary>
/// Both filesystem writers (O_DIRECT with aligned staging, and buffered) against the same script of
/// odd-sized writes, commits at unaligned offsets, rollbacks and reopenings; the file must always hold
/// exactly the committed bytes.
/// </summary>
public sealed class FileSystemUploadWriterTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("sv-writer-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Odd_writes_unaligned_commits_rollbacks_and_reopens_leave_exactly_the_committed_bytes(bool directIo)
    {
        var store = Store(directIo);
        var source = new byte[3_000_000];
        new Random(5).NextBytes(source);
        await store.CreateAsync("u1", CancellationToken.None);
        var random = new Random(6);
        long committed = 0;
        var position = 0;
        var writer = await store.OpenWriterAsync("u1", 0, null, CancellationToken.None);
        try
        {
            while (position < source.Length)
            {
                var size = Math.Min(random.Next(1, 700_000), source.Length - position);
                await writer.WriteAsync(source.AsMemory(position, size), CancellationToken.None);
                switch (random.Next(4))
                {
                    case 0:
                        // A checksum mismatch: the chunk is discarded, the offset stays.
                        await writer.RollbackAsync(CancellationToken.None);
                        Assert.Equal(committed, writer.Position);
                        continue;
                    case 1:
                        // A crash after the write but before the commit: a new writer opens at the committed offset.
                        await writer.DisposeAsync();
                        writer = await store.OpenWriterAsync("u1", committed, null, CancellationToken.None);
                        Assert.Equal(committed, new FileInfo(Path.Combine(_root, "uploads", "u1.bin")).Length);
                        continue;
                    default:
                        await writer.CommitAsync(CancellationToken.None);
                        position += size;
                        committed = position;
                        Assert.Equal(committed, writer.Position);
                        Assert.Equal(source.AsSpan(0, position).ToArray(), await File.ReadAllBytesAsync(Path.Combine(_root, "uploads", "u1.bin")));
                        break;
                }
            }
        }
        finally
        {
            await writer.DisposeAsync();
        }

        Assert.Equal(source, await File.ReadAllBytesAsync(Path.Combine(_root, "uploads", "u1.bin")));
    }

    [Fact]
    public async Task Aligned_receive_buffers_go_to_the_device_as_they_are_and_odd_tails_still_land_exactly()
    {
        // The engine's buffers are block-aligned: whole blocks skip the staging copy, a ragged end is staged,
        // and after an unaligned commit the writer falls back to staging until the end of the upload.
        var store = Store(directIo: true);
        await store.CreateAsync("u3", CancellationToken.None);
        var pool = new ShortVideo.Uploads.ReceiveBufferPool(512 * 1024, 4);
        var source = new byte[(5 * 512 * 1024) + 777];
        new Random(7).NextBytes(source);
        long committed = 0;
        await using (var writer = await store.OpenWriterAsync("u3", 0, null, CancellationToken.None))
        {
            foreach (var size in new[] { 512 * 1024, 512 * 1024, (512 * 1024) - 100, 512 * 1024, 100 + (512 * 1024) + 777 - (512 * 1024) })
            {
                var buffer = pool.Rent();
                source.AsSpan((int)committed, size).CopyTo(buffer.Span);
                await writer.WriteAsync(buffer[..size], CancellationToken.None);
                pool.Return(buffer);
                committed += size;
                await writer.CommitAsync(CancellationToken.None);
                Assert.Equal(committed, writer.Position);
            }

            // A rolled-back aligned buffer leaves nothing behind.
            var extra = pool.Rent();
            await writer.WriteAsync(extra, CancellationToken.None);
            await writer.RollbackAsync(CancellationToken.None);
            pool.Return(extra);
        }

        var last = source.AsSpan((int)committed).ToArray();
        await using (var writer = await store.OpenWriterAsync("u3", committed, null, CancellationToken.None))
        {
            await writer.WriteAsync(last, CancellationToken.None);
            await writer.CommitAsync(CancellationToken.None);
        }

        Assert.Equal(source, await File.ReadAllBytesAsync(Path.Combine(_root, "uploads", "u3.bin")));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_store_writes_with_O_DIRECT_on_Linux_unless_it_is_turned_off(bool directIo)
    {
        var store = Store(directIo);
        await store.CreateAsync("u2", CancellationToken.None);
        await using var writer = await store.OpenWriterAsync("u2", 0, null, CancellationToken.None);
        var expectDirect = directIo && OperatingSystem.IsLinux();
        Assert.Equal(expectDirect ? typeof(DirectUploadDataWriter) : typeof(FileSystemUploadDataWriter), writer.GetType());
    }

    private FileSystemUploadDataStore Store(bool directIo)
    {
        var options = Options.Create(new FileSystemStorageOptions { Root = _root, DirectIo = directIo });
        return new FileSystemUploadDataStore(new FileSystemPaths(options, Options.Create(new DataDirectoryOptions { Path = _root })), options);
    }
}
