using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using ShortVideo.Blobs;
using ShortVideo.Catalog;
using ShortVideo.Uploads;

namespace ShortVideo.Core.Tests.Uploads;

/// <summary>A real engine over the real filesystem store and SQLite in a temporary data directory.</summary>
internal sealed class EngineHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public EngineHarness(string? dataDir = null, Action<UploadOptions>? configure = null, TimeProvider? time = null)
    {
        DataDir = dataDir ?? Directory.CreateTempSubdirectory("sv-engine-").FullName;
        var services = new ServiceCollection();
        services.AddLogging();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.Configure<DataDirectoryOptions>(o => o.Path = DataDir);
        services.AddShortVideo().AddFileSystemStorage().AddSqliteMetadata().AddUploads(o =>
        {
            o.LockReleaseTimeout = TimeSpan.FromSeconds(2);
            configure?.Invoke(o);
        });
        _services = services.BuildServiceProvider();
    }

    public string DataDir { get; }

    public UploadEngine Engine => _services.GetRequiredService<UploadEngine>();

    public IBlobStore Blobs => _services.GetRequiredService<IBlobStore>();

    public IVideoCatalog Videos => _services.GetRequiredService<IVideoCatalog>();

    public ValueTask<UploadResult> CreateAsync(long? length, string owner = "alice", string? metadata = null, UploadKind kind = UploadKind.Regular) =>
        Engine.CreateAsync(new CreateUploadRequest { OwnerId = owner, Length = length, DeferLength = length is null, RawMetadata = metadata, Kind = kind }, null, null, CancellationToken.None);

    public ValueTask<UploadResult> PatchAsync(string id, long offset, byte[] chunk, string owner = "alice", string? algorithm = null, byte[]? digest = null, long? declaredLength = null) =>
        Engine.WriteAsync(
            new WriteUploadRequest { OwnerId = owner, UploadId = id, Offset = offset, ContentLength = chunk.Length, ChecksumAlgorithm = algorithm, ChecksumDigest = digest, DeclaredLength = declaredLength },
            new MemoryStream(chunk),
            CancellationToken.None);

    public async Task<string> BlobSha256Async(string sha256)
    {
        await using var stream = await Blobs.OpenReadAsync(sha256, CancellationToken.None);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream));
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
    }

    public void DeleteData()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(DataDir, recursive: true);
    }
}
