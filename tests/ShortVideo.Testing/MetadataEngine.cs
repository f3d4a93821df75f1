using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ShortVideo.Testing;

/// <summary>The metadata engines the contract tests run every store against.</summary>
public enum MetadataEngineKind
{
    /// <summary>The embedded default: {DataDir}/shortvideo.db.</summary>
    Sqlite,

    /// <summary>A fresh database on a real PostgreSQL server (<see cref="SharedPostgres"/>).</summary>
    Postgres,
}

/// <summary>
/// One test's metadata: a temporary data directory (always: blobs and media live there) and, for PostgreSQL, a fresh
/// database of its own, dropped on dispose. <see cref="AddStores"/> registers every store of the engine, so a contract
/// test composes its services once and runs them on both engines.
/// </summary>
public sealed class MetadataEngine : IAsyncDisposable
{
    private MetadataEngine(MetadataEngineKind kind, string? connectionString)
    {
        Kind = kind;
        ConnectionString = connectionString;
    }

    public MetadataEngineKind Kind { get; }

    /// <summary>The PostgreSQL database's connection string; null for SQLite.</summary>
    public string? ConnectionString { get; }

    /// <summary>A data directory for this test (SQLite's database file, files of blobs and media).</summary>
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("sv-meta-").FullName;

    public static async Task<MetadataEngine> CreateAsync(MetadataEngineKind kind) =>
        new(kind, kind == MetadataEngineKind.Postgres ? await SharedPostgres.CreateDatabaseAsync() : null);

    /// <summary>The data directory and every metadata store of this engine (SQLite: metadata, jobs, social, search).</summary>
    public IShortVideoBuilder AddStores(IShortVideoBuilder builder)
    {
        builder.Services.Configure<DataDirectoryOptions>(o => o.Path = DataDirectory);
        return Kind == MetadataEngineKind.Sqlite
            ? builder.AddSqliteMetadata().AddSqliteJobQueue().AddSqliteSocialStores().AddSqliteSearch()
            : builder.AddPostgresMetadata(o => o.ConnectionString = ConnectionString);
    }

    /// <summary>Configuration keys that make a node (<see cref="InProcessNode"/>, svctl) use this engine.</summary>
    public IReadOnlyDictionary<string, string?> NodeSettings() => Kind == MetadataEngineKind.Sqlite
        ? new Dictionary<string, string?> { ["Metadata:Provider"] = "Sqlite" }
        : new Dictionary<string, string?> { ["Metadata:Provider"] = "Postgres", ["Metadata:Postgres:ConnectionString"] = ConnectionString };

    public async ValueTask DisposeAsync()
    {
        if (ConnectionString is not null)
        {
            await SharedPostgres.DropDatabaseAsync(ConnectionString);
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a file still held open must not fail the test.
        }
    }
}

/// <summary>
/// One PostgreSQL server per test process, started on first use and stopped when the process exits; each test gets a
/// database of its own (CREATE DATABASE takes ~0.1 s; initdb ~2 s), so tests in parallel never see each other's rows.
/// </summary>
public static class SharedPostgres
{
    private static readonly Lazy<Task<PostgresServer>> Server = new(StartAsync);

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var server = await Server.Value;
        var name = "t_" + Guid.NewGuid().ToString("N");
        await using (var admin = new NpgsqlConnection(server.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing its pooled connections first.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var server = await Server.Value;
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var admin = new NpgsqlConnection(server.ConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var server = await PostgresServer.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().GetAwaiter().GetResult();
        return server;
    }
}
