using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ShortVideo.Blobs;
using ShortVideo.Catalog;
using ShortVideo.Testing;
using ShortVideo.Uploads;

namespace ShortVideo.Core.Tests.Uploads;

/// <summary>
/// A real engine over the real filesystem store and a real metadata engine (SQLite in the data directory, or a
/// database of its own on the shared PostgreSQL server). Several harnesses on one <see cref="MetadataEngine"/> are
/// restarts of one node, or nodes sharing one database and one data directory.
/// </summary>
internal sealed class EngineHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public EngineHarness(MetadataEngine metadata, Action<UploadOptions>? configure = null, TimeProvider? time = null)
    {
        Metadata = metadata;
        DataDir = metadata.DataDirectory;
        var services = new ServiceCollection();
        services.AddLogging();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        metadata.AddStores(services.AddShortVideo()).AddFileSystemStorage().AddUploads(o =>
        {
            o.LockReleaseTimeout = TimeSpan.FromSeconds(2);
            configure?.Invoke(o);
        });
        _services = services.BuildServiceProvider();
    }

    public MetadataEngine Metadata { get; }

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

    /// <summary>A harness on a fresh metadata engine of <paramref name="kind"/>.</summary>
    public static async Task<EngineHarness> CreateAsync(MetadataEngineKind kind, Action<UploadOptions>? configure = null, TimeProvider? time = null) =>
        new(await MetadataEngine.CreateAsync(kind), configure, time);

    /// <summary>Runs SQL on the metadata database behind the stores (to put it back in a state a crash leaves).</summary>
    public async Task ExecuteSqlAsync(string sql)
    {
        if (Metadata.ConnectionString is { } postgres)
        {
            await using var connection = new NpgsqlConnection(postgres);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
            return;
        }

        await using var sqlite = new SqliteConnection($"Data Source={Path.Combine(DataDir, "shortvideo.db")}");
        await sqlite.OpenAsync();
        using var statement = sqlite.CreateCommand();
        statement.CommandText = sql;
        await statement.ExecuteNonQueryAsync();
    }

    /// <summary>Deletes the data directory and the metadata database.</summary>
    public ValueTask DeleteDataAsync() => Metadata.DisposeAsync();
}
