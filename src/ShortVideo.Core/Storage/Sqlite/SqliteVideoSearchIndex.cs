using Microsoft.Data.Sqlite;
using ShortVideo.Catalog;
using ShortVideo.Search;

namespace ShortVideo.Storage.Sqlite;

/// <summary>
/// Videos in SQLite FTS5 (search_video_text, contentless: the captions live in the catalog), in the metadata
/// database. A document's key is its upload time in milliseconds shifted left 20 bits (plus a slot for videos of the
/// same millisecond), so the full-text index's own order is newest first and a tier's page is a range read.
/// </summary>
internal sealed partial class SqliteVideoSearchIndex(SqliteDatabase database) : IVideoSearchIndex
{
    private const int SlotBits = 20;

    private const string SearchSql = """
        SELECT f.rowid, d.video_id FROM search_video_text f CROSS JOIN search_videos d ON d.doc = f.rowid
        WHERE search_video_text MATCH $q AND f.rowid < $after ORDER BY f.rowid DESC LIMIT $n
        """;

    private readonly SqliteSearchTerms _terms = new("search_video");

    public async ValueTask IndexAsync(IReadOnlyList<SearchableVideo> videos, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(videos);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                using var statements = new SqliteStatements(connection, transaction);
                var deltas = new Dictionary<string, int>(StringComparer.Ordinal);
                var tagDeltas = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var video in videos)
                {
                    await IndexOneAsync(statements, video, deltas, tagDeltas, cancellationToken).ConfigureAwait(false);
                }

                await _terms.AdjustAsync(connection, transaction, deltas, cancellationToken).ConfigureAwait(false);
                await AdjustHashtagsAsync(statements, tagDeltas, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async ValueTask RemoveAsync(string videoId, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                using var statements = new SqliteStatements(connection, transaction);
                if (await FindAsync(statements, videoId, cancellationToken).ConfigureAwait(false) is { } indexed)
                {
                    var deltas = new Dictionary<string, int>(StringComparer.Ordinal);
                    var tagDeltas = new Dictionary<string, int>(StringComparer.Ordinal);
                    await RemoveDocAsync(statements, indexed, deltas, tagDeltas, cancellationToken).ConfigureAwait(false);
                    await _terms.AdjustAsync(connection, transaction, deltas, cancellationToken).ConfigureAwait(false);
                    await AdjustHashtagsAsync(statements, tagDeltas, cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async ValueTask<IReadOnlySet<string>> IndexedAmongAsync(IReadOnlyCollection<string> videoIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(videoIds);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT video_id FROM search_videos WHERE video_id IN (SELECT value FROM json_each($ids))";
            command.Parameters.AddWithValue("$ids", System.Text.Json.JsonSerializer.Serialize([.. videoIds], SqliteJson.Default.IReadOnlyListString));
            return (await command.ReadStringsAsync(cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
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
            var tiers = SearchPlan.Tiers(variants, SearchSyntax.Fts5("tags"));
            return await SqliteSearchTiers.PageAsync(connection, SearchSql, tiers, query.Scope("videos"), after, size, static r => r.GetString(1), cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask<SearchPage<string>> ListTaggedAsync(string tag, SearchCursor? after, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var size = VideoPage.Cap(limit);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT t.doc, d.video_id FROM search_video_tags t JOIN search_videos d ON d.doc = t.doc
                WHERE t.tag = $tag AND t.doc < $after ORDER BY t.doc DESC LIMIT $n
                """;
            command.Parameters.AddWithValue("$tag", tag);
            command.Parameters.AddWithValue("$after", after?.Position ?? long.MaxValue);
            command.Parameters.AddWithValue("$n", size + 1);
            return await SearchReads.TaggedAsync(command, tag, size, cancellationToken).ConfigureAwait(false);
        }
    }
}
