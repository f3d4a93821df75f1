using System.Text.Json.Nodes;

namespace ShortVideo.Cli.Doctor;

/// <summary>One row of the doctor's report: a name, a status and a sentence; facts go to --json as extra fields.</summary>
internal sealed record CheckResult(string Name, CheckStatus Status, string Detail)
{
    /// <summary>Machine-readable facts (version, path, freeBytes...), written as extra fields of the check in --json.</summary>
    public JsonObject? Facts { get; init; }

    public TimeSpan Duration { get; init; }

    public static CheckResult Ok(string name, string detail, JsonObject? facts = null) => new(name, CheckStatus.Ok, detail) { Facts = facts };

    public static CheckResult Warn(string name, string detail, JsonObject? facts = null) => new(name, CheckStatus.Warn, detail) { Facts = facts };

    public static CheckResult Fail(string name, string detail, JsonObject? facts = null) => new(name, CheckStatus.Fail, detail) { Facts = facts };

    public static CheckResult Skipped(string name, string detail) => new(name, CheckStatus.Skipped, detail);
}
