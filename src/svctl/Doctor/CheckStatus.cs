namespace ShortVideo.Cli.Doctor;

/// <summary>Outcome of one doctor check; only <see cref="Fail"/> makes <c>svctl doctor</c> exit 1.</summary>
internal enum CheckStatus
{
    Ok,
    Warn,
    Fail,

    /// <summary>Not applicable to this configuration (no Redis configured, no GPU: the CPU path is used).</summary>
    Skipped,
}
