namespace ShortVideo.Cli.Doctor;

/// <summary>One thing <c>svctl doctor</c> verifies. Implementations report problems as results, not exceptions.</summary>
internal interface IDoctorCheck
{
    string Name { get; }

    Task<CheckResult> RunAsync(CancellationToken cancellationToken);
}
