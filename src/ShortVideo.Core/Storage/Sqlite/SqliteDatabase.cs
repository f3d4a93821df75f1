using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using ShortVideo.Storage.FileSystem;

namespace ShortVideo.Storage.Sqlite;

/// <summary>
/// The embedded metadata database ({DataDir}/shortvideo.db). WAL with synchronous=NORMAL: a commit
/// survives a crash or kill of the process (the WAL is in the OS), readers never block the writer.
/// Before first use it is checked (<see cref="SqliteMetadataFile.CheckDataDirectory(string, string?)"/>) and a
/// database a node must not use stops it with a <see cref="MetadataDatabaseException"/>; while the node runs,
/// <see cref="CheckAsync"/> answers health probes.
/// </summary>
internal sealed partial class SqliteDatabase : IDisposable
{
    private readonly string _connectionString;
    private readonly string[] _storageRoots;
    private readonly Lazy<Task> _initialized;
    private DataDirectoryLock? _lock;

    public SqliteDatabase(IOptions<DataDirectoryOptions> dataDirectory, IOptions<FileSystemStorageOptions>? storage = null)
    {
        Root = dataDirectory.Value.FullPath;
        Directory.CreateDirectory(Root);
        FilePath = Path.Combine(Root, SqliteMetadataFile.FileName);
        _storageRoots = SqliteMetadataFile.StorageRoots(Root, storage?.Value.Root);

        // ReadWrite, never ReadWriteCreate once initialised: a database deleted under a running node must not come
        // back as a new empty file that the next request quietly fills.
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _initialized = new Lazy<Task>(() =>
        {
            try
            {
                Initialize();
                return Task.CompletedTask;
            }
            catch (Exception failure)
            {
                return Task.FromException(failure);
            }
        });

        // Opened as soon as it exists, not at first use: whatever depends on it (the upload engine) is built after it
        // and writes its first upload file only then, so the check never mistakes this process's own first write
        // for data left beside a lost database. A refusal is kept and thrown by every use.
        _ = _initialized.Value;
    }

    public string Root { get; }

    public string FilePath { get; }

    /// <summary>Checks the database, takes the data directory's shared lock and migrates the schema, once.</summary>
    public Task InitializeAsync() => _initialized.Value;

    public async ValueTask<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync().ConfigureAwait(false);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public void Dispose()
    {
        _lock?.Dispose();
        _writerTurn.Dispose();
    }

    private void Initialize()
    {
        var held = DataDirectoryLock.TryAcquire(Root, exclusive: false)
            ?? throw new MetadataDatabaseException(
                MetadataFileState.InUse,
                $"svctl restore is replacing the metadata database in {Root}; start the node again when it has finished.");
        try
        {
            var report = SqliteMetadataFile.CheckDataDirectory(Root, _storageRoots, countVideos: false);
            if (report.State is not (MetadataFileState.Ok or MetadataFileState.New))
            {
                throw new MetadataDatabaseException(report.State, report.Sentence);
            }

            Migrate();
            _lock = held;
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    private void Migrate()
    {
        using var connection = SqliteFileInspector.Open(FilePath, SqliteOpenMode.ReadWriteCreate);

        // journal_mode is persistent in the file: set once, every later connection gets WAL.
        Execute(connection, "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL;");
        var version = (int)SqliteFileInspector.Scalar(connection, "PRAGMA user_version;");
        for (var next = version; next < SqliteSchema.Migrations.Length; next++)
        {
            using var transaction = connection.BeginTransaction();
            using var migrate = connection.CreateCommand();
            migrate.Transaction = transaction;
            migrate.CommandText = SqliteSchema.Migrations[next] + string.Create(CultureInfo.InvariantCulture, $"\nPRAGMA user_version = {next + 1};");
            migrate.ExecuteNonQuery();
            transaction.Commit();
        }

        // Marks the file as ours (svctl restore refuses any other SQLite file); older databases get it here.
        if (SqliteFileInspector.Scalar(connection, "PRAGMA application_id;") != SqliteFileInspector.ApplicationId)
        {
            Execute(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA application_id = {SqliteFileInspector.ApplicationId};"));
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
