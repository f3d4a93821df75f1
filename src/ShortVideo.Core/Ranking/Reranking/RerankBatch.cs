using System.Globalization;

namespace ShortVideo.Ranking.Reranking;

/// <summary>
/// One user and the candidates retrieval found for them, as a re-ranker reads them. The batch holds views
/// of the caller's arrays, not copies: leave them unchanged until scoring returns.
/// </summary>
public sealed class RerankBatch
{
    /// <summary>Checks every length and value; a bad one is an <see cref="ArgumentException"/> that says which.</summary>
    /// <param name="dimension">Elements of the user vector and of each candidate vector.</param>
    /// <param name="userVector">The user's embedding, <paramref name="dimension"/> values.</param>
    /// <param name="candidateIds">The candidate videos; their count is the batch's <see cref="Count"/>.</param>
    /// <param name="candidateVectors">The candidates' embeddings, row-major, Count x dimension values.</param>
    /// <param name="retrievalScores">Each candidate's first-stage score.</param>
    /// <param name="ageHours">Hours since each candidate was published (at least 0).</param>
    /// <param name="impressions">Times each candidate was shown (at least 0).</param>
    public RerankBatch(
        int dimension,
        ReadOnlyMemory<float> userVector,
        ReadOnlyMemory<long> candidateIds,
        ReadOnlyMemory<float> candidateVectors,
        ReadOnlyMemory<float> retrievalScores,
        ReadOnlyMemory<float> ageHours,
        ReadOnlyMemory<float> impressions)
    {
        if (dimension < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "A re-rank batch needs a dimension of at least 1.");
        }

        var count = candidateIds.Length;
        if (userVector.Length != dimension)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The user vector has {userVector.Length} values; the dimension is {dimension}."), nameof(userVector));
        }

        if (candidateVectors.Length != (long)count * dimension)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The candidate vectors hold {candidateVectors.Length} values; {count} candidates x dimension {dimension} make {(long)count * dimension}."), nameof(candidateVectors));
        }

        RequirePerCandidate(retrievalScores.Length, count, "retrieval scores", nameof(retrievalScores));
        RequirePerCandidate(ageHours.Length, count, "ages", nameof(ageHours));
        RequirePerCandidate(impressions.Length, count, "impression counts", nameof(impressions));
        RequireFinite(userVector.Span, "The user vector has", nameof(userVector), allowNegative: true);
        RequireFinite(candidateVectors.Span, "The candidate vectors hold", nameof(candidateVectors), allowNegative: true);
        RequireFinite(retrievalScores.Span, "The retrieval scores hold", nameof(retrievalScores), allowNegative: true);
        RequireFinite(ageHours.Span, "The ages hold", nameof(ageHours), allowNegative: false);
        RequireFinite(impressions.Span, "The impression counts hold", nameof(impressions), allowNegative: false);

        Dimension = dimension;
        UserVector = userVector;
        CandidateIds = candidateIds;
        CandidateVectors = candidateVectors;
        RetrievalScores = retrievalScores;
        AgeHours = ageHours;
        Impressions = impressions;
    }

    /// <summary>Elements of each vector.</summary>
    public int Dimension { get; }

    /// <summary>Number of candidates.</summary>
    public int Count => CandidateIds.Length;

    /// <summary>The user's embedding (<see cref="Dimension"/> values).</summary>
    public ReadOnlyMemory<float> UserVector { get; }

    /// <summary>The candidate videos, in the order scores are written.</summary>
    public ReadOnlyMemory<long> CandidateIds { get; }

    /// <summary>The candidates' embeddings, row-major (<see cref="Count"/> x <see cref="Dimension"/>).</summary>
    public ReadOnlyMemory<float> CandidateVectors { get; }

    /// <summary>Each candidate's first-stage (retrieval) score.</summary>
    public ReadOnlyMemory<float> RetrievalScores { get; }

    /// <summary>Hours since each candidate was published.</summary>
    public ReadOnlyMemory<float> AgeHours { get; }

    /// <summary>Times each candidate was shown.</summary>
    public ReadOnlyMemory<float> Impressions { get; }

    /// <summary>The check every re-ranker makes on its output span's length before writing it: an <see cref="ArgumentException"/> unless it is <see cref="Count"/>.</summary>
    public void RequireScoreSpan(int scores)
    {
        if (scores != Count)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The scores span has {scores} elements but the batch has {Count} candidates."),
                nameof(scores));
        }
    }

    private static void RequirePerCandidate(int actual, int count, string what, string paramName)
    {
        if (actual != count)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The batch has {count} candidate ids but {actual} {what}; each candidate needs one."),
                paramName);
        }
    }

    private static void RequireFinite(ReadOnlySpan<float> values, string subject, string paramName, bool allowNegative)
    {
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            if (!float.IsFinite(value) || (!allowNegative && value < 0))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"{subject} {value} at index {i}; only finite numbers{(allowNegative ? string.Empty : " of at least 0")} can be re-ranked."),
                    paramName);
            }
        }
    }
}
