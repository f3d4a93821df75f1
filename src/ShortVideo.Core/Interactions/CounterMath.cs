namespace ShortVideo.Interactions;

/// <summary>Adds counters field by field.</summary>
internal static class CounterMath
{
    public static VideoCounts Add(VideoCounts a, VideoCounts b) =>
        new(a.Views + b.Views, a.Likes + b.Likes, a.Comments + b.Comments, a.Shares + b.Shares);

    public static UserCounts Add(UserCounts a, UserCounts b) =>
        new(a.Followers + b.Followers, a.Following + b.Following, a.Likes + b.Likes);

    /// <summary>A counter never shows below zero, even while a decrement and the increment it undoes are in different flushes.</summary>
    public static VideoCounts Floor(VideoCounts c) =>
        new(Math.Max(0, c.Views), Math.Max(0, c.Likes), Math.Max(0, c.Comments), Math.Max(0, c.Shares));

    public static UserCounts Floor(UserCounts c) =>
        new(Math.Max(0, c.Followers), Math.Max(0, c.Following), Math.Max(0, c.Likes));

    public static void AddTo<T>(Dictionary<string, T> deltas, string key, T delta, Func<T, T, T> add)
        where T : struct =>
        deltas[key] = deltas.TryGetValue(key, out var current) ? add(current, delta) : delta;
}
