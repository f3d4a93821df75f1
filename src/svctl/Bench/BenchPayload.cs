namespace ShortVideo.Cli.Bench;

/// <summary>
/// Seeded random bytes, generated once and held in memory, so the client side of the bench does no file IO.
/// Upload <c>i</c> sends the window starting at byte <c>i</c>: every upload has distinct content (a
/// content-addressed server cannot deduplicate them) from one buffer only <c>uploads - 1</c> bytes longer.
/// </summary>
internal sealed class BenchPayload
{
    private readonly byte[] _bytes;

    private BenchPayload(byte[] bytes, int sizeBytes)
    {
        _bytes = bytes;
        SizeBytes = sizeBytes;
    }

    public int SizeBytes { get; }

    public static BenchPayload Create(int sizeBytes, int uploads, int seed = 20261121)
    {
        var bytes = GC.AllocateUninitializedArray<byte>(sizeBytes + uploads - 1);

        // Incompressible filler, not a secret.
#pragma warning disable CA5394
        new Random(seed).NextBytes(bytes);
#pragma warning restore CA5394
        return new BenchPayload(bytes, sizeBytes);
    }

    public ReadOnlyMemory<byte> ForUpload(int index) => _bytes.AsMemory(index, SizeBytes);
}
