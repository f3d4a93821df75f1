using System.Globalization;

namespace ShortVideo.Ranking.Reranking;

/// <summary>
/// The feature matrix a model re-ranker reads: one row of <see cref="FeatureCount"/> floats per candidate,
/// row-major, in the batch's order. A model is trained against this layout, so it only ever grows at the end.
/// A re-ranker of your own that runs a model feeds it these rows.
/// </summary>
/// <remarks>
/// Columns, for dimension D:
/// <list type="table">
/// <item><term>0 .. D-1</term><description>the user vector (the same in every row)</description></item>
/// <item><term>D .. 2D-1</term><description>the candidate's vector</description></item>
/// <item><term>2D</term><description>the candidate's retrieval score</description></item>
/// <item><term>2D+1</term><description>ln(1 + impressions): counts span six orders of magnitude; the log keeps a popular video from swamping the other columns</description></item>
/// <item><term>2D+2</term><description>hours since publication, as is (the model learns its own decay)</description></item>
/// </list>
/// </remarks>
public static class RerankFeatures
{
    /// <summary>Columns that follow the two vectors: retrieval score, log impressions, age.</summary>
    public const int ScalarColumns = 3;

    /// <summary>Columns of a row for vectors of <paramref name="dimension"/> elements: 2 x dimension + 3.</summary>
    public static int FeatureCount(int dimension) => checked((2 * dimension) + ScalarColumns);

    /// <summary>How the column count comes about, for messages: "131 (2 x dimension 64 + 3)".</summary>
    public static string Explain(int dimension) =>
        string.Create(CultureInfo.InvariantCulture, $"{FeatureCount(dimension)} (2 x dimension {dimension} + {ScalarColumns})");

    /// <summary>Writes the batch's rows into <paramref name="features"/> (exactly Count x FeatureCount floats).</summary>
    public static void Write(RerankBatch batch, Span<float> features)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var dimension = batch.Dimension;
        var columns = FeatureCount(dimension);
        if (features.Length != (long)batch.Count * columns)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The feature buffer has {features.Length} floats; {batch.Count} candidates x {columns} columns need {(long)batch.Count * columns}."),
                nameof(features));
        }

        var user = batch.UserVector.Span;
        var candidates = batch.CandidateVectors.Span;
        var retrieval = batch.RetrievalScores.Span;
        var impressions = batch.Impressions.Span;
        var ages = batch.AgeHours.Span;
        for (var i = 0; i < batch.Count; i++)
        {
            var row = features.Slice(i * columns, columns);
            user.CopyTo(row);
            candidates.Slice(i * dimension, dimension).CopyTo(row[dimension..]);
            row[2 * dimension] = retrieval[i];
            row[(2 * dimension) + 1] = MathF.Log(1 + impressions[i]);
            row[(2 * dimension) + 2] = ages[i];
        }
    }
}
