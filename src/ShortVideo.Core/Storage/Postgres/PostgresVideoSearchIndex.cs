using Npgsql;
using ShortVideo.Catalog;
using ShortVideo.Search;

namespace ShortVideo.Storage.Postgres;

/// <summary>
/// Videos in PostgreSQL full text (search_videos.words, a GIN-indexed tsvector). A document's key is its upload time
/// in milliseconds shifted left 20 bits (plus a slot for videos of the same millisecond), as in SQLite, so a tier's
/// page reads newest first from the cursor's key and stops at its limit.
/// </summary>
internal sealed partial class PostgresVideoSearchIndex(PostgresDatabase database) : IVideoSearchIndex
{
    private const int SlotBits = 20;

    private const string SearchSql = "SELECT doc, video_id FROM search_videos WHERE words @@ $1::tsquery AND doc < $2 ORDER BY doc DESC LIMIT $3";

    private static readonly SearchSyntax Syntax = PostgresSearchText.TsQuery(hashtags: true);

    private readonly PostgresSearchTerms _terms = new("search_video");

    public ValueTask IndexAsync(IReadOnlyList<SearchableVideo> videos, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(videos);
        return videos.Count == 0 ? ValueTask.CompletedTask : WriteAsync((statements, deltas, tagDeltas) => IndexAllAsync(statements, videos, deltas, tagDeltas, cancellationToken), cancellationToken);
    }

    public ValueTask RemoveAsync(string videoId, CancellationToken cancellationToken) =>
        WriteAsync(
            async (statements, deltas, tagDeltas) =>
            {
                if (await FindAsync(statements, videoId, cancellationToken).ConfigureAwait(false) is { } indexed)
                {
                    await RemoveDocAsync(statements, indexed, deltas, tagDeltas, cancellationToken).ConfigureAwait(false);
                }
            },
            cancellationToken);

    public async ValueTask<IReadOnlySet<string>> IndexedAmongAsync(IReadOnlyCollection<string> videoIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(videoIds);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var found = await PostgresSearchCommands.ReadStringsAsync(connection, null, "SELECT video_id FROM search_videos WHERE video_id = ANY($1)", cancellationToken, (object)videoIds.ToArray()).ConfigureAwait(false);
            return found.ToHashSet(StringComparer.Ordinal);
        }
    }

    public async ValueTask<SearchPage<string>> SearchAsync(SearchQuery query, SearchCursor? after, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var size = VideoPage.Cap(limit);
        if (query.IsEmpty)
        {
            return new SearchPage<string>([], null);
        }

        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var variants = await _terms.VariantsAsync(connection, query, cancellationToken).ConfigureAwait(false);
            var tiers = SearchPlan.Tiers(variants, Syntax);
            return await PostgresSearchText.PageAsync(connection, SearchSql, tiers, query.Scope("videos"), after, size, static r => r.GetString(1), cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask<SearchPage<string>> ListTaggedAsync(string tag, SearchCursor? after, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var size = VideoPage.Cap(limit);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = PostgresSearchCommands.Bind(
                connection,
                null,
                """
                SELECT t.doc, d.video_id FROM search_video_tags t JOIN search_videos d ON d.doc = t.doc
                WHERE t.tag = $1 AND t.doc < $2 ORDER BY t.doc DESC LIMIT $3
                """,
                tag,
                after?.Position ?? long.MaxValue,
                size + 1);
            return await SearchReads.TaggedAsync(command, tag, size, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task IndexAllAsync(Statements statements, IReadOnlyList<SearchableVideo> videos, Dictionary<string, int> deltas, Dictionary<string, int> tagDeltas, CancellationToken cancellationToken)
    {
        // In upload order: two nodes indexing batches lock the milliseconds' key ranges in the same order.
        foreach (var video in videos.OrderBy(v => v.CreatedAt).ThenBy(v => v.VideoId, StringComparer.Ordinal))
        {
            await IndexOneAsync(statements, video, deltas, tagDeltas, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One write transaction: <paramref name="change"/> fills the vocabulary's and hashtags' deltas, applied before commit; retried when another node's write collided.</summary>
    private async ValueTask WriteAsync(Func<Statements, Dictionary<string, int>, Dictionary<string, int>, Task> change, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await PostgresConflictRetry.RunAsync(async () =>
            {
                var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    var deltas = new Dictionary<string, int>(StringComparer.Ordinal);
                    var tagDeltas = new Dictionary<string, int>(StringComparer.Ordinal);
                    await change(new Statements(connection, transaction), deltas, tagDeltas).ConfigureAwait(false);
                    await _terms.AdjustAsync(connection, transaction, deltas, cancellationToken).ConfigureAwait(false);
                    await AdjustHashtagsAsync(connection, transaction, tagDeltas, cancellationToken).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
        }
    }

    private sealed record Statements(NpgsqlConnection Connection, NpgsqlTransaction Transaction)
    {
        public Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params object[] values) =>
            PostgresSearchCommands.ExecuteAsync(Connection, Transaction, sql, cancellationToken, values);

        public NpgsqlCommand Bind(string sql, params object[] values) => PostgresSearchCommands.Bind(Connection, Transaction, sql, values);
    }
}
