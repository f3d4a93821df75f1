using Npgsql;

namespace ShortVideo.Storage.Postgres;

/// <summary>
/// Runs a write transaction again when another node's concurrent write made it fail: a unique key taken between
/// our read and our insert, a deadlock, a serialization failure. The work must be idempotent (it re-reads what it needs).
/// </summary>
internal static class PostgresConflictRetry
{
    private const int Attempts = 5;

    public static async Task RunAsync(Func<Task> write)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await write().ConfigureAwait(false);
                return;
            }
            catch (PostgresException conflict) when (attempt < Attempts && IsConflict(conflict))
            {
                // Another node won this round; its row is there now, so the next attempt sees it.
                await Task.Delay(Random.Shared.Next(1, 10 * attempt)).ConfigureAwait(false);
            }
        }
    }

    private static bool IsConflict(PostgresException failure) =>
        failure.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure;
}
