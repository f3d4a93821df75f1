using System.Globalization;
using Microsoft.Data.Sqlite;
using ShortVideo.Search;

namespace ShortVideo.Storage.Sqlite;

/// <summary>
/// The vocabulary of one full-text table ({prefix}_terms: each term and how many documents hold it) and its typo
/// neighbours ({prefix}_term_deletions: each term of at least <see cref="EditDistance.MinTypoLength"/> letters under
/// every form with one letter removed). Completions and typo candidates are B-tree range and point reads here, never
/// scans of the full-text index; the most used variants win, so a query expands to a bounded number of terms.
/// </summary>
internal sealed class SqliteSearchTerms(string prefix)
{
    /// <summary>Most index terms one query word expands to, per kind (completions, typos).</summary>
    public const int MaxVariants = 12;

    // A prefix of one letter would read a twentieth of the vocabulary to pick the most used completions.
    private const int MinPrefixLetters = 2;

    // Sorts after every UTF-8 string that starts with the prefix (SQLite compares TEXT bytewise).
    private static readonly string LastCharacter = char.ConvertFromUtf32(0x10FFFF);

    private readonly string _upsert = $"INSERT INTO {prefix}_terms (term, docs) VALUES ($term, $delta) ON CONFLICT (term) DO UPDATE SET docs = docs + $delta RETURNING docs";
    private readonly string _dropTerm = $"DELETE FROM {prefix}_terms WHERE term = $term";
    private readonly string _addDeletion = $"INSERT OR IGNORE INTO {prefix}_term_deletions (deletion, term) VALUES ($deletion, $term)";
    private readonly string _dropDeletion = $"DELETE FROM {prefix}_term_deletions WHERE deletion = $deletion AND term = $term";
    private readonly string _completions = $"SELECT term FROM {prefix}_terms WHERE term > $prefix AND term < $end ORDER BY docs DESC LIMIT {MaxVariants}";
    private readonly string _typoCandidates = $"SELECT t.term, t.docs FROM {prefix}_term_deletions d JOIN {prefix}_terms t ON t.term = d.term WHERE d.deletion IN (SELECT value FROM json_each($forms)) UNION SELECT term, docs FROM {prefix}_terms WHERE term IN (SELECT value FROM json_each($forms))";

    /// <summary>Adds <paramref name="deltas"/> (term: documents gained, or lost when negative) inside <paramref name="transaction"/>.</summary>
    public async Task AdjustAsync(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyDictionary<string, int> deltas, CancellationToken cancellationToken)
    {
        using var upsert = Command(connection, transaction, _upsert, "$term", "$delta");
        using var drop = Command(connection, transaction, _dropTerm, "$term");
        using var addDeletion = Command(connection, transaction, _addDeletion, "$deletion", "$term");
        using var dropDeletion = Command(connection, transaction, _dropDeletion, "$deletion", "$term");
        foreach (var (term, delta) in deltas)
        {
            if (delta == 0)
            {
                continue;
            }

            upsert.Parameters[0].Value = term;
            upsert.Parameters[1].Value = delta;
            var docs = Convert.ToInt64(await upsert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            var typoTarget = EditDistance.Letters(term) >= EditDistance.MinTypoLength;
            if (docs <= 0)
            {
                drop.Parameters[0].Value = term;
                await drop.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                if (typoTarget)
                {
                    await ForEachDeletionAsync(dropDeletion, term, cancellationToken).ConfigureAwait(false);
                }
            }
            else if (docs == delta && typoTarget)
            {
                await ForEachDeletionAsync(addDeletion, term, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Indexed terms that <paramref name="prefix"/> starts (itself excluded), most used first.</summary>
    public async Task<IReadOnlyList<string>> CompletionsAsync(SqliteConnection connection, string prefix, CancellationToken cancellationToken)
    {
        if (EditDistance.Letters(prefix) < MinPrefixLetters)
        {
            return [];
        }

        using var command = Command(connection, null, _completions, "$prefix", "$end");
        command.Parameters[0].Value = prefix;
        command.Parameters[1].Value = prefix + LastCharacter;
        return await command.ReadStringsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Indexed terms one typo from <paramref name="word"/> (itself excluded), most used first; none for short words.</summary>
    public async Task<IReadOnlyList<string>> TyposAsync(SqliteConnection connection, string word, CancellationToken cancellationToken)
    {
        if (EditDistance.Letters(word) < EditDistance.MinTypoLength)
        {
            return [];
        }

        using var command = Command(connection, null, _typoCandidates, "$forms");
        command.Parameters[0].Value = System.Text.Json.JsonSerializer.Serialize((IReadOnlyList<string>)[.. EditDistance.Deletions(word).Prepend(word)], SqliteJson.Default.IReadOnlyListString);
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

    /// <summary>The variants of each query word, looked up in this vocabulary.</summary>
    public Task<List<WordVariants>> VariantsAsync(SqliteConnection connection, SearchQuery query, CancellationToken cancellationToken) =>
        SearchPlan.VariantsAsync(query, word => CompletionsAsync(connection, word, cancellationToken), word => TyposAsync(connection, word, cancellationToken));

    private static async Task ForEachDeletionAsync(SqliteCommand command, string term, CancellationToken cancellationToken)
    {
        command.Parameters[1].Value = term;
        foreach (var deletion in EditDistance.Deletions(term))
        {
            command.Parameters[0].Value = deletion;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }
}
