using System.Text.Json;
using Microsoft.Extensions.Configuration;
using ShortVideo.Cli.Doctor;
using ShortVideo.Testing;

namespace svctl.Tests.Doctor;

public sealed class DoctorRunnerTests(RedisServer redis, PostgresServer postgres) : IClassFixture<RedisServer>, IClassFixture<PostgresServer>, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("sv-doctor-run-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create<string, string?>(v.Key, v.Value))).Build();

    private sealed class ThrowingCheck : IDoctorCheck
    {
        public string Name => "broken";

        public Task<CheckResult> RunAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("the check has a bug");
    }

    [Fact]
    public async Task Configured_redis_and_postgres_are_checked_against_the_real_servers()
    {
        var report = await DoctorRunner.RunAsync(
            Configuration(
                ("DataDir", _root),
                ("Redis:ConnectionString", $"redis://{redis.ConnectionString}"),
                ("Metadata:Postgres:ConnectionString", postgres.ConnectionString)),
            CancellationToken.None);

        Assert.Equal(CheckStatus.Ok, report["redis"].Status);
        Assert.Equal(CheckStatus.Ok, report["postgres"].Status);
        Assert.StartsWith("PostgreSQL 15.", report["postgres"].Detail, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Skipped, report["s3"].Status);
    }

    [Fact]
    public async Task Every_check_is_reported_in_order_with_a_sentence()
    {
        var report = await DoctorRunner.RunAsync(Configuration(("DataDir", _root)), CancellationToken.None);

        Assert.Equal(["ffmpeg", "ffprobe", "data dir", "metadata", "gpu", "redis", "s3", "postgres"], report.Checks.Select(c => c.Name));
        Assert.All(report.Checks, c => Assert.EndsWith(".", c.Detail, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_check_makes_the_report_not_ok_but_warnings_and_skips_do_not()
    {
        var closed = RedisServer.FindFreePort();

        var failing = await DoctorRunner.RunAsync(
            Configuration(("DataDir", _root), ("Redis:ConnectionString", $"127.0.0.1:{closed}")), CancellationToken.None);
        var passing = new DoctorReport(
        [
            CheckResult.Ok("a", "fine."),
            CheckResult.Warn("b", "hmm."),
            CheckResult.Skipped("c", "n/a."),
        ]);

        Assert.False(failing.Ok);
        Assert.Equal(CheckStatus.Fail, failing["redis"].Status);
        Assert.True(passing.Ok);
    }

    [Fact]
    public async Task A_check_that_throws_is_reported_as_failed_without_hiding_the_others()
    {
        var report = await DoctorRunner.RunAsync([new ThrowingCheck(), new ShortVideo.Cli.Doctor.Checks.RedisCheck(null)], CancellationToken.None);

        Assert.Equal(CheckStatus.Fail, report["broken"].Status);
        Assert.Equal("The check itself failed: the check has a bug", report["broken"].Detail);
        Assert.Equal(CheckStatus.Skipped, report["redis"].Status);
    }

    [Fact]
    public async Task Json_output_has_checks_with_name_status_detail_and_facts_and_ok()
    {
        var report = await DoctorRunner.RunAsync(
            Configuration(("DataDir", _root), ("Redis:ConnectionString", redis.ConnectionString)), CancellationToken.None);

        using var json = JsonDocument.Parse(DoctorReportWriter.ToJson(report));

        var root = json.RootElement;
        Assert.Equal(report.Ok, root.GetProperty("ok").GetBoolean());
        var checks = root.GetProperty("checks").EnumerateArray().ToList();
        Assert.Equal(8, checks.Count);
        Assert.All(checks, c =>
        {
            Assert.False(string.IsNullOrEmpty(c.GetProperty("name").GetString()));
            Assert.Contains(c.GetProperty("status").GetString(), new[] { "ok", "warn", "fail", "skipped" });
            Assert.False(string.IsNullOrEmpty(c.GetProperty("detail").GetString()));
            Assert.True(c.GetProperty("durationMs").GetDouble() >= 0);
        });
        var redisCheck = checks.Single(c => c.GetProperty("name").GetString() == "redis");
        Assert.Equal("ok", redisCheck.GetProperty("status").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+$", redisCheck.GetProperty("version").GetString());
        Assert.Equal(redis.ConnectionString, redisCheck.GetProperty("endpoint").GetString());
        var dataDir = checks.Single(c => c.GetProperty("name").GetString() == "data dir");
        Assert.Equal(_root, dataDir.GetProperty("path").GetString());
        Assert.True(dataDir.GetProperty("freeBytes").GetInt64() > 0);
    }

    [Fact]
    public void Table_output_shows_each_check_and_the_summary_without_colour_codes_when_redirected()
    {
        var report = new DoctorReport([CheckResult.Ok("ffmpeg", "ffmpeg 5.1 (/usr/bin/ffmpeg)."), CheckResult.Fail("redis", "Redis: connection refused.")]);
        var output = new StringWriter();

        DoctorReportWriter.WriteTable(report, output);

        var text = output.ToString();
        Assert.Contains("ffmpeg 5.1 (/usr/bin/ffmpeg).", text, StringComparison.Ordinal);
        Assert.Contains("fail", text, StringComparison.Ordinal);
        Assert.Contains("1 check(s) failed.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", text, StringComparison.Ordinal);
    }
}
