using Npgsql;
using ShortVideo.Catalog;
using ShortVideo.Search;

namespace ShortVideo.Storage.Postgres;

/// <summary>
/// Users in PostgreSQL full text (search_users.words: handle and display name). A handle is indexed whole and in its
/// '_'-separated parts, so "alice" finds @alice_w. Newer entries (a sequence) come first among equal matches.
/// </summary>
internal sealed class PostgresUserSearchIndex(PostgresDatabase database) : IUserSearchIndex
{
    private const string SearchSql = """
        SELECT doc, user_id, handle, display_name FROM search_users WHERE words @@ $1::tsquery AND doc < $2 ORDER BY doc DESC LIMIT $3
        """;

    private static readonly SearchSyntax Syntax = PostgresSearchText.TsQuery(hashtags: false);

    private readonly PostgresSearchTerms _terms = new("search_user");

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
            var tiers = SearchPlan.Tiers(variants, Syntax);
            return await PostgresSearchText.PageAsync(
                connection, SearchSql, tiers, query.Scope("users"), after, size, static r => new UserHit(r.GetString(1), r.GetString(2), r.GetString(3)), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Replaces (or, without <paramref name="replace"/>, only adds) the user's entry; null <paramref name="names"/> removes it.</summary>
    private async ValueTask WriteAsync(string userId, (string Handle, string DisplayName)? names, bool replace, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // A user's first request to each node indexes them: one already indexed as they are (nearly all) costs a read.
            var indexed = await FindAsync(connection, null, userId, cancellationToken).ConfigureAwait(false);
            if (indexed is { } known && (!replace || (names is { } now && known.Handle == now.Handle && known.DisplayName == now.DisplayName)))
            {
                return;
            }

            if (indexed is null && names is null)
            {
                return;
            }

            await PostgresConflictRetry.RunAsync(() => ReplaceAsync(connection, userId, names, replace, cancellationToken)).ConfigureAwait(false);
        }
    }

    private async Task ReplaceAsync(NpgsqlConnection connection, string userId, (string Handle, string DisplayName)? names, bool replace, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            // Two nodes writing the same user take turns (a lock on the user until commit): the second sees the first's row.
            await PostgresSearchCommands.ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", cancellationToken, "search-user\n" + userId).ConfigureAwait(false);
            var existing = await FindAsync(connection, transaction, userId, cancellationToken).ConfigureAwait(false);
            if ((existing is not null && !replace)
                || (existing is { } same && names is { } unchanged && same.Handle == unchanged.Handle && same.DisplayName == unchanged.DisplayName))
            {
                return;
            }

            var deltas = new Dictionary<string, int>(StringComparer.Ordinal);
            if (existing is { } old)
            {
                await PostgresSearchCommands.ExecuteAsync(connection, transaction, "DELETE FROM search_users WHERE doc = $1", cancellationToken, old.Doc).ConfigureAwait(false);
                Count(deltas, old.Terms.Split(' ', StringSplitOptions.RemoveEmptyEntries), -1);
            }

            if (names is { } added)
            {
                var terms = SearchText.HandleTerms(added.Handle).Union(SearchText.Terms(added.DisplayName), StringComparer.Ordinal).ToArray();
                await PostgresSearchCommands.ExecuteAsync(
                    connection,
                    transaction,
                    """
                    INSERT INTO search_users (doc, user_id, handle, display_name, terms, words)
                    VALUES (nextval('search_user_docs'), $1, $2, $3, $4, array_to_tsvector($5::text[]))
                    """,
                    cancellationToken,
                    userId,
                    added.Handle,
                    added.DisplayName,
                    string.Join(' ', terms),
                    terms).ConfigureAwait(false);
                Count(deltas, terms, 1);
            }

            await _terms.AdjustAsync(connection, transaction, deltas, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static void Count(Dictionary<string, int> deltas, IEnumerable<string> terms, int delta)
    {
        foreach (var term in terms)
        {
            deltas[term] = deltas.GetValueOrDefault(term) + delta;
        }
    }

    private static async Task<(long Doc, string Handle, string DisplayName, string Terms)?> FindAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string userId, CancellationToken cancellationToken)
    {
        using var command = PostgresSearchCommands.Bind(connection, transaction, "SELECT doc, handle, display_name, terms FROM search_users WHERE user_id = $1", userId);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? (reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3))
            : null;
    }
}
