using System.Globalization;

namespace ShortVideo.Ranking.Retrieval;

/// <summary>Checks that keep NaN, infinities and wrong lengths out of the catalog and out of queries.</summary>
internal static class VectorValidation
{
    // Largest finite fp16 value: anything above rounds to infinity when stored as Half.
    private const float HalfMax = 65504f;

    public static void Check(ReadOnlySpan<float> vector, int dimension, VectorPrecision precision, string what, string paramName)
    {
        if (vector.Length != dimension)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The {what} has {vector.Length} values but the catalog's vectors have {dimension}."),
                paramName);
        }

        var limit = precision == VectorPrecision.Fp16 ? HalfMax : float.MaxValue;
        for (var i = 0; i < vector.Length; i++)
        {
            var value = vector[i];
            if (!float.IsFinite(value))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"The {what} has {value} at index {i}; only finite numbers can be scored."),
                    paramName);
            }

            if (Math.Abs(value) > limit)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"The {what} has {value} at index {i}, beyond the ±65504 that fp16 storage holds."),
                    paramName);
            }
        }
    }
}
