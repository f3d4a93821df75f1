namespace ShortVideo.Cli.Seed;

/// <summary>The data directory cannot be seeded; the message is the one line svctl prints.</summary>
internal sealed class SeedRefusedException(string message, int exitCode) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
