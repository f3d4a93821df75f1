namespace ShortVideo.Cli.Commands;

/// <summary>Exit codes shared by the commands (README: errors are one line and a non-zero exit, 2 for bad input).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    /// <summary>The shell's code for "ended by SIGINT"; scripts can tell an interruption from a failure.</summary>
    public const int Interrupted = 130;
}
