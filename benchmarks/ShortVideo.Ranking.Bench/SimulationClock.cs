namespace ShortVideo.Ranking.Evaluation;

/// <summary>A clock the simulation moves by hand, so a 200k-event run covers days of decay in seconds.</summary>
internal sealed class SimulationClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
