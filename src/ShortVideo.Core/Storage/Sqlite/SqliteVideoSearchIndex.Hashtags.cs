using ShortVideo.Catalog;
using ShortVideo.Search;

namespace ShortVideo.Storage.Sqlite;

/// <summary>Hashtags by prefix, most used first (search_hashtags keeps each tag's count of indexed videos).</summary>
internal sealed partial class SqliteVideoSearchIndex
{
    public async ValueTask<SearchPage<HashtagHit>> SearchHashtagsAsync(SearchQuery query, SearchCursor? after, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var size = VideoPage.Cap(limit);
        if (query.IsEmpty)
        {
            return new SearchPage<HashtagHit>([], null);
        }

        var prefix = query.Words[0].Term;
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT tag, videos FROM search_hashtags
                WHERE folded >= $prefix AND folded < $end AND (videos < $videos OR (videos = $videos AND tag > $tag))
                ORDER BY videos DESC, tag LIMIT $n
                """;
            command.Parameters.AddWithValue("$prefix", prefix);
            command.Parameters.AddWithValue("$end", prefix + char.ConvertFromUtf32(0x10FFFF));
            command.Parameters.AddWithValue("$videos", after?.Position ?? long.MaxValue);
            command.Parameters.AddWithValue("$tag", after?.Key ?? string.Empty);
            command.Parameters.AddWithValue("$n", size + 1);
            return await SearchReads.HashtagsAsync(command, query, size, cancellationToken).ConfigureAwait(false);
        }
    }
}
