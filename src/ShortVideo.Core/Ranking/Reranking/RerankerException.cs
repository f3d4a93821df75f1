namespace ShortVideo.Ranking.Reranking;

/// <summary>
/// A re-ranker could not be loaded or could not score: the model is missing, malformed or of the wrong
/// shape, the runtime failed, or the model produced scores that are not finite numbers.
/// </summary>
public sealed class RerankerException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public RerankerException()
        : base("The re-ranker failed.")
    {
    }

    /// <summary>Creates the exception with a sentence that says what failed.</summary>
    public RerankerException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a sentence and the runtime's own error.</summary>
    public RerankerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
