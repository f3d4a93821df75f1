using Microsoft.Data.Sqlite;
using ShortVideo.Catalog;
using ShortVideo.Search;

namespace ShortVideo.Storage.Sqlite;

/// <summary>
/// Users in SQLite FTS5 (search_user_text: handle and display name), in the metadata database. A handle is indexed
/// whole and in its '_'-separated parts, so "alice" finds @alice_w. Newer entries come first among equal matches.
/// </summary>
internal sealed class SqliteUserSearchIndex(SqliteDatabase database) : IUserSearchIndex
{
    private const string SearchSql = """
        SELECT f.rowid, u.user_id, u.handle, u.display_name FROM search_user_text f CROSS JOIN search_users u ON u.doc = f.rowid
        WHERE search_user_text MATCH $q AND f.rowid < $after ORDER BY f.rowid DESC LIMIT $n
        """;

    private readonly SqliteSearchTerms _terms = new("search_user");

    public ValueTask UpsertAsync(string userId, string handle, string displayName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentNullException.ThrowIfNull(handle);
        ArgumentNullException.ThrowIfNull(displayName);
        return WriteAsync(userId, (handle, displayName), replace: true, cancellationToken);
    }

    public ValueTask EnsureAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return WriteAsync(userId, (userId, userId), replace: false, cancellationToken);
    }

    public ValueTask RemoveAsync(string userId, CancellationToken cancellationToken) => WriteAsync(userId, null, replace: true, cancellationToken);

    public async ValueTask<SearchPage<UserHit>> SearchAsync(SearchQuery query, SearchCursor? after, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var size = VideoPage.Cap(limit);
        if (query.IsEmpty)
        {
            return new SearchPage<UserHit>([], null);
        }

        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var variants = await _terms.VariantsAsync(connection, query, cancellationToken).ConfigureAwait(false);
            var tiers = SearchPlan.Tiers(variants, SearchSyntax.Fts5(hashtagColumn: null));
            return await SqliteSearchTiers.PageAsync(
                connection, SearchSql, tiers, query.Scope("users"), after, size, static r => new UserHit(r.GetString(1), r.GetString(2), r.GetString(3)), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Replaces (or, without <paramref name="replace"/>, only adds) the user's entry; null <paramref name="names"/> removes it.</summary>
    private async ValueTask WriteAsync(string userId, (string Handle, string DisplayName)? names, bool replace, CancellationToken cancellationToken)
    {
        // A user's first request to this process indexes them: one already indexed as they are (nearly all) costs a
        // read, not a turn at the single writer.
        var reader = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var indexed = await FindAsync(reader, null, userId, cancellationToken).ConfigureAwait(false);
            if (indexed is { } known && (!replace || (names is { } now && known.Handle == now.Handle && known.DisplayName == now.DisplayName)))
            {
                return;
            }
        }

        var writer = await database.OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            var connection = writer.Connection;
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var deltas = new Dictionary<string, int>(StringComparer.Ordinal);
                var existing = await FindAsync(connection, transaction, userId, cancellationToken).ConfigureAwait(false);
                if (existing is not null && !replace)
                {
                    return;
                }

                var handleTerms = names is { } n ? SearchText.HandleTerms(n.Handle) : [];
                var nameTerms = names is { } m ? SearchText.Terms(m.DisplayName).ToList() : [];
                var terms = string.Join(' ', handleTerms.Union(nameTerms, StringComparer.Ordinal));
                if (existing is { } same && names is { } unchanged && same.Handle == unchanged.Handle && same.DisplayName == unchanged.DisplayName)
                {
                    return;
                }

                if (existing is { } old)
                {
                    await connection.ExecuteAsync(transaction, "DELETE FROM search_user_text WHERE rowid = $1", cancellationToken, old.Doc).ConfigureAwait(false);
                    await connection.ExecuteAsync(transaction, "DELETE FROM search_users WHERE doc = $1", cancellationToken, old.Doc).ConfigureAwait(false);
                    Count(deltas, old.Terms, -1);
                }

                if (names is { } added)
                {
                    var doc = await NextDocAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                    await connection.ExecuteAsync(transaction, "INSERT INTO search_users (doc, user_id, handle, display_name, terms) VALUES ($1, $2, $3, $4, $5)", cancellationToken, doc, userId, added.Handle, added.DisplayName, terms).ConfigureAwait(false);
                    await connection.ExecuteAsync(transaction, "INSERT INTO search_user_text (rowid, handle, name) VALUES ($1, $2, $3)", cancellationToken, doc, string.Join(' ', handleTerms), string.Join(' ', nameTerms)).ConfigureAwait(false);
                    Count(deltas, terms, 1);
                }

                await _terms.AdjustAsync(connection, transaction, deltas, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static void Count(Dictionary<string, int> deltas, string terms, int delta)
    {
        foreach (var term in terms.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            deltas[term] = deltas.GetValueOrDefault(term) + delta;
        }
    }

    private static async Task<(long Doc, string Handle, string DisplayName, string Terms)?> FindAsync(SqliteConnection connection, SqliteTransaction? transaction, string userId, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT doc, handle, display_name, terms FROM search_users WHERE user_id = $id";
        command.Parameters.AddWithValue("$id", userId);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? (reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3))
            : null;
    }

    private static async Task<long> NextDocAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT coalesce(max(doc), 0) + 1 FROM search_users";
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
