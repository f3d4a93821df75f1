namespace ShortVideo.Hosting.Tests.Auth;

/// <summary>A clock the test moves by hand, so lifetimes are tested without sleeping.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; private set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
