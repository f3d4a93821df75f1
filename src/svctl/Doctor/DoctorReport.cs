namespace ShortVideo.Cli.Doctor;

/// <summary>All check results in order; <see cref="Ok"/> when none failed (warnings do not fail).</summary>
internal sealed record DoctorReport(IReadOnlyList<CheckResult> Checks)
{
    public bool Ok => Checks.All(static c => c.Status != CheckStatus.Fail);

    public CheckResult this[string name] => Checks.Single(c => c.Name == name);
}
