using ShortVideo.Testing;
using static ShortVideo.Hosting.Tests.Storage.S3.S3StoreHarness;

namespace ShortVideo.Hosting.Tests.Storage.S3;

/// <summary>The writer streams: one part in memory at most, each part sent as soon as it is full.</summary>
public sealed class S3UploadWriterMemoryTests(S3rverServer server) : IClassFixture<S3rverServer>
{
    [Fact]
    public async Task Writer_and_promote_never_rent_more_than_one_part_and_return_every_buffer()
    {
        using var s3 = new S3StoreHarness(server);
        var data = RandomBytes(seed: 30, 13 * MiB + 123);
        var state = await s3.Store.CreateAsync("memory", default);
        await using (var writer = await s3.Store.OpenWriterAsync("memory", 0, state, default))
        {
            state = await WriteAsync(writer, data.AsMemory(0, 7 * MiB), [1, 100 * KiB, 3 * MiB], commitEvery: 2);
            await writer.WriteAsync(RandomBytes(seed: 31, 6 * MiB), default);
            await writer.RollbackAsync(default);
        }

        await using (var writer = await s3.Store.OpenWriterAsync("memory", 7 * MiB, state, default))
        {
            state = await WriteAsync(writer, data.AsMemory(7 * MiB), [MiB + 1], commitEvery: 3);
        }

        await (await s3.Store.OpenReadAsync("memory", data.Length, state, default)).DisposeAsync();
        Assert.True(await s3.Store.PromoteAsync("memory", data.Length, state, Sha256Hex(data), default));

        Assert.InRange(s3.Pool.PeakBytes, 1, PartSize);
        Assert.Equal(0, s3.Pool.OutstandingBytes);
    }

    [Fact]
    public async Task Writer_sends_each_part_once_it_is_full_and_more_bytes_arrive()
    {
        var http = new RecordingHttpClientFactory();
        using var s3 = new S3StoreHarness(server, http: http);
        var state = await s3.Store.CreateAsync("streaming", default);
        await using var writer = await s3.Store.OpenWriterAsync("streaming", 0, state, default);
        int PartsSent() => http.Lines.Count(line => line.Contains("partNumber="));

        await writer.WriteAsync(RandomBytes(seed: 32, PartSize), default);
        Assert.Equal(0, PartsSent());

        await writer.WriteAsync(new byte[1], default);
        Assert.Equal(1, PartsSent());

        await writer.WriteAsync(RandomBytes(seed: 33, 2 * PartSize), default);
        Assert.Equal(3, PartsSent());
        Assert.Equal(3L * PartSize + 1, writer.Position);
    }
}
