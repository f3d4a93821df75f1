using ShortVideo.Ranking.Embeddings;

namespace ShortVideo.Core.Tests.Ranking.Embeddings;

public sealed class EmbeddingSnapshotTests : IDisposable
{
    private readonly ManualTimeProvider _time = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("svemb-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(EmbeddingStorage.Fp32)]
    [InlineData(EmbeddingStorage.Fp16)]
    public async Task A_saved_and_loaded_table_has_every_row_bitwise_equal(EmbeddingStorage storage)
    {
        var options = Options(storage);
        var table = Learned(options);
        using var stream = new MemoryStream();
        await table.SaveAsync(stream);
        stream.Position = 0;

        var loaded = await EmbeddingTable.LoadAsync(stream, options, _time);

        AssertSameRows(table, loaded);
        Assert.Equal(table.Count, loaded.Count);

        // Last-touched times survive: the same rows expire in both.
        _time.Advance(TimeSpan.FromDays(30) - TimeSpan.FromTicks(1));
        Assert.Equal(table.Sweep(_time.GetUtcNow()), loaded.Sweep(_time.GetUtcNow()));
        Assert.Equal(table.Count, loaded.Count);
        Assert.NotEqual(0, loaded.Count);

        // So do admission counters: 7777 was seen twice before the restart.
        Assert.True(loaded.Observe(7777));
    }

    [Fact]
    public async Task A_file_snapshot_replaces_the_old_one_and_leaves_no_temporary_file()
    {
        var options = Options(EmbeddingStorage.Fp32);
        var table = Learned(options);
        var path = Path.Combine(_directory, "users.svemb");
        await File.WriteAllTextAsync(path, "an older snapshot");

        await table.SaveToFileAsync(path);

        Assert.Equal([path], Directory.GetFiles(_directory));
        AssertSameRows(table, await EmbeddingTable.LoadFromFileAsync(path, options, _time));
    }

    [Fact]
    public async Task A_truncated_snapshot_is_refused_with_a_sentence()
    {
        var bytes = await Snapshot();
        foreach (var length in new[] { 0, 20, bytes.Length / 2, bytes.Length - 1 })
        {
            var error = await Assert.ThrowsAsync<InvalidDataException>(() => Load(bytes[..length], seekable: false));
            Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
            Assert.EndsWith("Nothing was loaded.", error.Message, StringComparison.Ordinal);

            await Assert.ThrowsAsync<InvalidDataException>(() => Load(bytes[..length], seekable: true));
        }
    }

    [Fact]
    public async Task A_flipped_bit_anywhere_after_the_header_fails_the_checksum()
    {
        var bytes = await Snapshot();
        foreach (var offset in new[] { 48, 200, bytes.Length / 2, bytes.Length - 40, bytes.Length - 1 })
        {
            var corrupt = (byte[])bytes.Clone();
            corrupt[offset] ^= 0x10;
            var error = await Assert.ThrowsAsync<InvalidDataException>(() => Load(corrupt, seekable: false));
            Assert.Contains("checksum", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_snapshot_of_another_dimension_is_refused_naming_both()
    {
        var bytes = await Snapshot();
        using var stream = new MemoryStream(bytes);
        var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
            EmbeddingTable.LoadAsync(stream, new EmbeddingTableOptions { Dimension = 32 }, _time));
        Assert.Equal("The embedding snapshot holds rows of 16 dimensions, but the table is configured for 32. Nothing was loaded.", error.Message);
    }

    private static void AssertSameRows(EmbeddingTable expected, EmbeddingTable actual)
    {
        for (long id = 0; id < 1000; id++)
        {
            var want = new float[expected.Dimension];
            var got = new float[actual.Dimension];
            Assert.Equal(expected.TryGet(id, want), actual.TryGet(id, got));
            for (var i = 0; i < want.Length; i++)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(want[i]), BitConverter.SingleToInt32Bits(got[i]));
            }
        }
    }

    private static EmbeddingTableOptions Options(EmbeddingStorage storage) =>
        new() { Dimension = 16, Storage = storage, Seed = 5 };

    /// <summary>A table with learned rows, swept slots, a row observed recently and pending admissions.</summary>
    private EmbeddingTable Learned(EmbeddingTableOptions options)
    {
        var table = new EmbeddingTable(options, _time);
        var random = new Random(1);
        var step = new float[options.Dimension];
        for (long id = 0; id < 1000; id += 2)
        {
            table.Observe(id);
            table.Observe(id);
            table.Observe(id);
            for (var i = 0; i < step.Length; i++)
            {
                step[i] = (float)(random.NextDouble() - 0.5);
            }

            table.Update(id, step);
        }

        _time.Advance(TimeSpan.FromDays(31));
        for (long id = 0; id < 1000; id += 4)
        {
            table.Observe(id);
        }

        table.Sweep(_time.GetUtcNow() - TimeSpan.FromDays(1) + TimeSpan.FromTicks(1));
        table.Set(999, step);
        table.Observe(7777);
        table.Observe(7777);
        return table;
    }

    private async Task<byte[]> Snapshot()
    {
        using var stream = new MemoryStream();
        await Learned(Options(EmbeddingStorage.Fp32)).SaveAsync(stream);
        return stream.ToArray();
    }

    private Task<EmbeddingTable> Load(byte[] bytes, bool seekable) =>
        EmbeddingTable.LoadAsync(seekable ? new MemoryStream(bytes) : new ForwardOnlyStream(bytes), Options(EmbeddingStorage.Fp32), _time);

    /// <summary>A stream that cannot seek, like a socket, so only the reader's own checks catch damage.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
