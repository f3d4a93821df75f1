namespace ShortVideo.Hosting.Tests.Auth;

/// <summary>
/// Base of the test classes that talk to one <see cref="AuthTestApp"/> per test on a fresh data dir,
/// on the wall clock or on <see cref="Clock"/>.
/// </summary>
public abstract class AuthAppTest(bool manualClock = false) : IAsyncLifetime
{
    // Years ahead of the wall clock: a lifetime check that read the real time would see tokens not yet valid.
    internal static readonly DateTimeOffset ClockStart = new(2031, 3, 4, 12, 0, 0, TimeSpan.Zero);

    private readonly AuthTestDirectory _directory = new();

    internal ManualClock Clock { get; } = new(ClockStart);

    internal AuthTestApp App { get; private set; } = null!;

    public async Task InitializeAsync() =>
        App = await AuthTestApp.StartAsync(_directory.Sub("data"), manualClock ? Clock : null);

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        _directory.Dispose();
    }
}
