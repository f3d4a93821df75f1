using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ShortVideo.Storage.Sqlite;

/// <summary>
/// Statements of one transaction, each prepared once and run many times with new values ($1, $2, ...): indexing a
/// batch of thousands of captions runs a handful of distinct statements, and preparing is most of a small one's cost.
/// </summary>
internal sealed class SqliteStatements(SqliteConnection connection, SqliteTransaction? transaction) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    /// <summary><paramref name="sql"/> with <paramref name="values"/> bound, ready to run.</summary>
    public SqliteCommand Bind(string sql, params object[] values)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = string.Create(CultureInfo.InvariantCulture, $"${i + 1}") });
            }

            _commands[sql] = command;
        }

        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        return command;
    }

    public Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params object[] values) =>
        Bind(sql, values).ExecuteNonQueryAsync(cancellationToken);

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }
    }
}
