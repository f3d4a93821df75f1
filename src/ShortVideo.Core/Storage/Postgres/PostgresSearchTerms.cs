using System.Text;
using Npgsql;
using ShortVideo.Search;

namespace ShortVideo.Storage.Postgres;

/// <summary>
/// The vocabulary of one search table ({prefix}_terms: each term, how many documents hold it, and its trigram key).
/// Completions are a B-tree range of the C-collated terms; typo candidates come from the pg_trgm index of the trigram
/// keys and are then checked exactly (<see cref="EditDistance.WithinOne"/>), so pg_trgm only narrows. The most used
/// variants win, so a query expands to a bounded number of terms, as in SQLite (<c>SqliteSearchTerms</c>).
/// </summary>
internal sealed class PostgresSearchTerms(string prefix)
{
    /// <summary>Most index terms one query word expands to, per kind (completions, typos).</summary>
    public const int MaxVariants = 12;

    // One typo in a word of five letters leaves at least 2 of its 6 trigrams shared out of 10 (a swap of two letters):
    // similarity 0.2; a little lower so rounding never drops one. Longer words share more.
    private const string TypoThreshold = "SET LOCAL pg_trgm.similarity_threshold = 0.15";

    // Candidates read per word before the exact check: the most similar keys, enough for any real vocabulary.
    private const int MaxTypoCandidates = 200;

    private const int MinPrefixLetters = 2;

    private const string KeyAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    private static readonly string LastCharacter = char.ConvertFromUtf32(0x10FFFF);

    private readonly string _adjust = $"""
        INSERT INTO {prefix}_terms (term, docs, trigrams) SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[]) ORDER BY 1
        ON CONFLICT (term) DO UPDATE SET docs = {prefix}_terms.docs + excluded.docs
        """;

    private readonly string _drop = $"DELETE FROM {prefix}_terms WHERE term = ANY($1) AND docs <= 0";
    private readonly string _completions = $"SELECT term FROM {prefix}_terms WHERE term > $1 AND term < $2 ORDER BY docs DESC, term LIMIT {MaxVariants}";
    private readonly string _typoCandidates = $"""
        SELECT term, docs FROM {prefix}_terms WHERE trigrams % $1 AND length(trigrams) BETWEEN $2 - 1 AND $2 + 1
        ORDER BY similarity(trigrams, $1) DESC LIMIT {MaxTypoCandidates}
        """;

    /// <summary>
    /// The term as pg_trgm reads it whatever the database's locale: ASCII letters and digits as they are, any other
    /// letter (or '_') as one ASCII letter or digit picked by its code point. pg_trgm under the C locale keeps only
    /// ASCII alphanumerics and splits words at '_'; one letter for one letter keeps one typo one typo (a shared
    /// stand-in only adds candidates, which the exact check removes).
    /// </summary>
    public static string TrigramKey(string term)
    {
        var key = new StringBuilder(term.Length);
        foreach (var rune in term.EnumerateRunes())
        {
            key.Append(rune.Value is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? (char)rune.Value : KeyAlphabet[(int)((uint)rune.Value * 2654435761u % KeyAlphabet.Length)]);
        }

        return key.ToString();
    }

    /// <summary>Adds <paramref name="deltas"/> (term: documents gained, or lost when negative) inside <paramref name="transaction"/>.</summary>
    public async Task AdjustAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyDictionary<string, int> deltas, CancellationToken cancellationToken)
    {
        // Sorted: two nodes adjusting overlapping terms lock them in the same order.
        var changed = deltas.Where(d => d.Value != 0).OrderBy(d => d.Key, StringComparer.Ordinal).ToList();
        if (changed.Count == 0)
        {
            return;
        }

        string[] terms = [.. changed.Select(d => d.Key)];
        using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(Command(_adjust, terms, changed.Select(d => (long)d.Value).ToArray(), terms.Select(TrigramKey).ToArray()));
        batch.BatchCommands.Add(Command(_drop, (object)terms));
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The variants of each query word, looked up in this vocabulary.</summary>
    public async Task<List<WordVariants>> VariantsAsync(NpgsqlConnection connection, SearchQuery query, CancellationToken cancellationToken)
    {
        using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        using (var threshold = new NpgsqlCommand(TypoThreshold, connection, transaction))
        {
            await threshold.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var variants = await SearchPlan.VariantsAsync(
            query,
            word => CompletionsAsync(connection, transaction, word, cancellationToken),
            word => TyposAsync(connection, transaction, word, cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return variants;
    }

    private async Task<IReadOnlyList<string>> CompletionsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string word, CancellationToken cancellationToken)
    {
        if (EditDistance.Letters(word) < MinPrefixLetters)
        {
            return [];
        }

        using var command = new NpgsqlCommand(_completions, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = word });
        command.Parameters.Add(new NpgsqlParameter { Value = word + LastCharacter });
        var found = new List<string>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            found.Add(reader.GetString(0));
        }

        return found;
    }

    private async Task<IReadOnlyList<string>> TyposAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string word, CancellationToken cancellationToken)
    {
        var letters = EditDistance.Letters(word);
        if (letters < EditDistance.MinTypoLength)
        {
            return [];
        }

        using var command = new NpgsqlCommand(_typoCandidates, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = TrigramKey(word) });
        command.Parameters.Add(new NpgsqlParameter { Value = letters });
        var found = new List<(string Term, long Docs)>();
        using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                found.Add((reader.GetString(0), reader.GetInt64(1)));
            }
        }

        return EditDistance.Nearest(word, found, MaxVariants);
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
