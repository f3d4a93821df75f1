namespace ShortVideo.Cli.Bench;

/// <summary>A benchmark that cannot run or finish; the message is one readable sentence.</summary>
internal sealed class BenchException : Exception
{
    public BenchException(string message)
        : base(message)
    {
    }

    public BenchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
